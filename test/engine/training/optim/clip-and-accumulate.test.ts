import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src-main/engine/backend';
import { clipGradientsByGlobalNorm, disposeNamed, GradientAccumulator } from '../../../../src-main/engine/training/optim';

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
});

describe('clipGradientsByGlobalNorm', () => {
  it('scales all gradients by maxNorm / globalNorm when over the limit', async () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0, 4]]) }; // global norm 5
    const { grads: clipped, norm } = await clipGradientsByGlobalNorm(grads, 1);
    expect(norm).toBeCloseTo(5, 5);
    expect(Array.from(clipped.a.dataSync())[0]).toBeCloseTo(0.6, 5);
    expect(Array.from(clipped.b.dataSync())[1]).toBeCloseTo(0.8, 5);
    expect(clipped.b.shape).toEqual([1, 2]);
    disposeNamed(clipped);
    const { grads: kept } = await clipGradientsByGlobalNorm(grads, 10);
    expect(Array.from(kept.a.dataSync())).toEqual([3, 0]);
    disposeNamed(kept);
    disposeNamed(grads);
  });

  it('reports a non-finite norm and rejects a bad limit', async () => {
    const grads = { a: tf.tensor1d([Number.NaN, 1]) };
    const { grads: clipped, norm } = await clipGradientsByGlobalNorm(grads, 1);
    expect(Number.isNaN(norm)).toBe(true);
    disposeNamed(clipped);
    await expect(clipGradientsByGlobalNorm(grads, 0)).rejects.toThrow(/maxNorm must be > 0/);
    disposeNamed(grads);
  });
});

describe('GradientAccumulator', () => {
  it('averages micro-batch gradients and frees what it was given', () => {
    const accumulator = new GradientAccumulator();
    const before = tf.memory().numTensors;
    accumulator.add({ w: tf.tensor1d([1, 2]) });
    accumulator.add({ w: tf.tensor1d([3, 6]) });
    accumulator.add({ w: tf.tensor1d([5, 1]) });
    expect(accumulator.count).toBe(3);
    const mean = accumulator.takeAverage();
    expect(Array.from(mean.w.dataSync())).toEqual([3, 3]);
    expect(accumulator.count).toBe(0);
    disposeNamed(mean);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('equals the gradient of the mean loss over the whole batch', () => {
    const w = tf.variable(tf.tensor1d([0.5, -1]));
    const xs = [tf.tensor2d([[1, 2]]), tf.tensor2d([[3, -1]])];
    const loss = (x: tf.Tensor2D) => () => tf.matMul(x, w.reshape([2, 1])).square().mean() as tf.Scalar;
    const accumulator = new GradientAccumulator();
    for (const x of xs) {
      const { value, grads } = tf.variableGrads(loss(x), [w]);
      value.dispose();
      accumulator.add({ w: grads[w.name] });
    }
    const averaged = accumulator.takeAverage();
    const whole = tf.variableGrads(loss(tf.concat(xs, 0)), [w]);
    const want = Array.from(whole.grads[w.name].dataSync());
    Array.from(averaged.w.dataSync()).forEach((g, i) => expect(g).toBeCloseTo(want[i], 5));
    tf.dispose([w, ...xs, whole.value, whole.grads[w.name]]);
    disposeNamed(averaged);
  });

  it('refuses micro-batches with different parameters and an empty average', () => {
    const accumulator = new GradientAccumulator();
    expect(() => accumulator.takeAverage()).toThrow(/before any add/);
    accumulator.add({ a: tf.scalar(1) });
    expect(() => accumulator.add({ b: tf.scalar(1) })).toThrow(/cover \[b\], earlier ones \[a\]/);
    accumulator.reset();
    expect(accumulator.count).toBe(0);
  });
});
