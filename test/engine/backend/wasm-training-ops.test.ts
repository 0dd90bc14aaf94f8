import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, wasmTrainingKernelNames } from '../../../src-main/engine/backend';
import { relativeError, seededValues } from './conv-reference';

/** The ops of a UNet/CLIP training step beyond conv/norm/attention, each differentiated on its own. */
const graphs: Record<string, (x: tf.Tensor4D) => tf.Tensor> = {
  'gelu (erf)': (x) => x.mul(tf.erf(x.mul(Math.SQRT1_2)).add(1)).mul(0.5),
  'gelu (tanh)': (x) => x.mul(tf.tanh(x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1)).mul(0.5),
  'matMul, transposed operands': (x) => {
    const a = x.reshape([24, 4]); // (M, K)
    return tf.matMul(a, a, false, true).add(tf.matMul(a, a, true, false).sum()); // (M, M) + scalar
  },
  'batched matMul, transposed': (x) => {
    const a = x.reshape([2, 12, 4]); // (B, T, d)
    return tf.matMul(tf.softmax(tf.matMul(a, a, false, true)), a); // (B, T, d)
  },
  'global average pool (group-norm channel means)': (x) => tf.avgPool(x, [4, 6], [4, 6], 'valid').mul(x.sum([1, 2], true)),
  'transpose + pad': (x) => tf.pad(x.transpose([0, 3, 1, 2]), [[0, 0], [1, 0], [2, 1], [0, 1]]),
  'resizeNearestNeighbor (upsample x2)': (x) => tf.image.resizeNearestNeighbor(x, [8, 12]).mul(tf.sigmoid(tf.image.resizeNearestNeighbor(x, [8, 12]))),
  'concat (skip connection) + slice': (x) => tf.concat([x, x.mul(x)], 3).slice([0, 1, 0, 1], [1, 3, 6, 6]),
  'group-norm statistics': (x) => {
    const g = x.reshape([1, 4, 6, 2, 2]); // (B, H, W, G, C/G)
    const { mean, variance } = tf.moments(g, [1, 2, 4], true);
    return g.sub(mean).div(variance.add(1e-5).sqrt());
  },
  'gather (embedding lookup, repeated ids)': (x) => tf.gather(x.reshape([8, 12]), tf.tensor1d([3, 0, 3, 7, 3], 'int32')),
  'mean + log-softmax': (x) => tf.logSoftmax(x.mean(2)),
};

describe('gradients of training-step ops on wasm match cpu', () => {
  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
  });

  it('registers our kernels for wasm', () => {
    for (const name of wasmTrainingKernelNames) expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
  });

  for (const [label, f] of Object.entries(graphs)) {
    it(label, async () => {
      const gradient = async () => {
        const x = tf.tensor4d(seededValues(96, 5), [1, 4, 6, 4]);
        const r = tf.tidy(() => tf.tensor(seededValues(f(x).size, 6), f(x).shape));
        const g = tf.grad((t: tf.Tensor) => f(t as tf.Tensor4D).mul(r).sum())(x);
        const values = await g.data();
        tf.dispose([x, r, g]);
        return values;
      };
      await tf.setBackend('cpu');
      const expected = await gradient();
      await tf.setBackend('wasm');
      const actual = await gradient();
      expect(expected.some((v) => v !== 0)).toBe(true);
      expect(relativeError(actual, expected)).toBeLessThan(1e-4);
    });
  }
});

describe('BatchMatMul on wasm: transposed and batched operands go to 2-d products', () => {
  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
  });

  it('broadcasts batch dimensions as an explicit broadcast would', async () => {
    const a = tf.tensor4d(seededValues(2 * 8 * 5, 1), [2, 1, 8, 5]);
    const b = tf.tensor4d(seededValues(3 * 5 * 4, 2), [1, 3, 5, 4]);
    const product = tf.matMul(a, b); // (2, 3, 8, 4)
    // The reference broadcasts first (tfjs's cpu backend gets mixed batch broadcasting wrong).
    const reference = tf.matMul(tf.broadcastTo(a, [2, 3, 8, 5]).reshape([6, 8, 5]), tf.broadcastTo(b, [2, 3, 5, 4]).reshape([6, 5, 4]));
    expect(product.shape).toEqual([2, 3, 8, 4]);
    expect(relativeError(await product.data(), await reference.data())).toBeLessThan(1e-6);
    tf.dispose([a, b, product, reference]);
  });

  it('matches cpu for every transpose combination, batched and not', async () => {
    const cases: [number[], number[], boolean, boolean][] = [
      [[7, 5], [5, 3], false, false],
      [[5, 7], [5, 3], true, false],
      [[7, 5], [3, 5], false, true],
      [[5, 7], [3, 5], true, true],
      [[3, 7, 5], [5, 4], false, false],
      [[3, 7, 5], [3, 5, 4], false, false],
      [[3, 5, 7], [3, 4, 5], true, true],
      [[7, 5], [3, 5, 4], false, false],
    ];
    for (const [shapeA, shapeB, ta, tb] of cases) {
      const product = async () => {
        const a = tf.tensor(seededValues(shapeA.reduce((p, d) => p * d, 1), 3), shapeA);
        const b = tf.tensor(seededValues(shapeB.reduce((p, d) => p * d, 1), 4), shapeB);
        const c = tf.matMul(a, b, ta, tb);
        const values = { shape: c.shape, data: await c.data() };
        tf.dispose([a, b, c]);
        return values;
      };
      await tf.setBackend('cpu');
      const expected = await product();
      await tf.setBackend('wasm');
      const actual = await product();
      expect(actual.shape, `${shapeA} x ${shapeB} ${ta} ${tb}`).toEqual(expected.shape);
      expect(relativeError(actual.data, expected.data), `${shapeA} x ${shapeB} ${ta} ${tb}`).toBeLessThan(1e-6);
    }
  });
});
