import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src-main/engine/backend';
import { AdamW, type AdamWHyperparameters } from '../../../../src-main/engine/training/optim';

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
});

/** PyTorch's AdamW update (torch/optim/adamw.py, single-tensor path) on plain numbers. */
function referenceAdamW(p: number[], grads: (p: number[]) => number[], steps: number, h: AdamWHyperparameters): number[] {
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  const x = [...p];
  for (let t = 1; t <= steps; t++) {
    const g = grads(x);
    for (let i = 0; i < x.length; i++) {
      x[i] *= 1 - h.lr * h.weightDecay;
      m[i] = h.beta1 * m[i] + (1 - h.beta1) * g[i];
      v[i] = h.beta2 * v[i] + (1 - h.beta2) * g[i] * g[i];
      const denom = Math.sqrt(v[i]) / Math.sqrt(1 - h.beta2 ** t) + h.eps;
      x[i] -= (h.lr / (1 - h.beta1 ** t)) * (m[i] / denom);
    }
  }
  return x;
}

// f(x) = sum_i c_i (x_i - target_i)^2, gradient 2 c_i (x_i - target_i).
const c = [0.5, 2, 1, 3];
const target = [1, -2, 0.5, 4];
const start = [0, 0.3, -1, 2.5];
const quadraticGrad = (x: number[]) => x.map((xi, i) => 2 * c[i] * (xi - target[i]));

function quadraticLoss(x: tf.Variable): tf.Scalar {
  return tf.tensor1d(c).mul(x.sub(tf.tensor1d(target)).square()).sum() as tf.Scalar;
}

describe('AdamW', () => {
  it('matches the PyTorch AdamW equations on a quadratic over several steps', () => {
    const h: AdamWHyperparameters = { lr: 0.05, beta1: 0.8, beta2: 0.95, eps: 1e-6, weightDecay: 0.1 };
    const x = tf.variable(tf.tensor1d(start));
    const optimizer = new AdamW({ x }, h);
    for (let step = 0; step < 7; step++) {
      const { grads, value } = tf.variableGrads(() => quadraticLoss(x), [x]);
      optimizer.applyGradients({ x: grads[x.name] });
      tf.dispose([value, grads[x.name]]);
    }
    const want = referenceAdamW(start, quadraticGrad, 7, h);
    const got = Array.from(x.dataSync());
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    expect(optimizer.step).toBe(7);
    // And it actually moved towards the minimum.
    expect(Math.abs(got[1] - target[1])).toBeLessThan(Math.abs(start[1] - target[1]));
    optimizer.dispose();
    x.dispose();
  });

  it('uses the learning rate given per step and skips parameters without a gradient (no decay either)', () => {
    const a = tf.variable(tf.tensor1d([1, 2]));
    const b = tf.variable(tf.tensor1d([3]));
    const optimizer = new AdamW({ a, b }, { weightDecay: 0.5 });
    const g = tf.tensor1d([0.2, -0.4]);
    optimizer.applyGradients({ a: g }, 0.1);
    // First step: m/(sqrt(v)+eps) after bias correction is sign(g) (up to eps); decay 1 - 0.1*0.5.
    expect(Array.from(a.dataSync())[0]).toBeCloseTo(1 * 0.95 - 0.1, 5);
    expect(Array.from(a.dataSync())[1]).toBeCloseTo(2 * 0.95 + 0.1, 5);
    expect(Array.from(b.dataSync())).toEqual([3]);
    tf.dispose([g, a, b]);
    optimizer.dispose();
  });

  it('resumes exactly from a saved state', () => {
    const h: AdamWHyperparameters = { lr: 0.02, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
    const run = (x: tf.Variable, optimizer: AdamW, steps: number) => {
      for (let i = 0; i < steps; i++) {
        const { grads, value } = tf.variableGrads(() => quadraticLoss(x), [x]);
        optimizer.applyGradients({ x: grads[x.name] });
        tf.dispose([value, grads[x.name]]);
      }
    };
    const x1 = tf.variable(tf.tensor1d(start));
    const first = new AdamW({ x: x1 }, h);
    run(x1, first, 3);
    const saved = first.getState();
    const x2 = tf.variable(x1.clone());
    const second = new AdamW({ x: x2 }, h);
    second.setState(saved);
    tf.dispose([...Object.values(saved.m), ...Object.values(saved.v)]);
    run(x1, first, 4);
    run(x2, second, 4);
    expect(Array.from(x2.dataSync())).toEqual(Array.from(x1.dataSync()));
    expect(Array.from(x1.dataSync()).map((v, i) => v - referenceAdamW(start, quadraticGrad, 7, h)[i]).every((d) => Math.abs(d) < 1e-5)).toBe(true);
    tf.dispose([x1, x2]);
    first.dispose();
    second.dispose();
  });

  it('keeps the tensor count flat over 50 steps', () => {
    const w = tf.variable(tf.randomNormal([8, 4], 0, 1, 'float32', 1));
    const bias = tf.variable(tf.zeros([4]));
    const optimizer = new AdamW({ w, bias }, { lr: 1e-2 });
    const input = tf.randomNormal([16, 8], 0, 1, 'float32', 2);
    const loss = () => tf.matMul(input, w).add(bias).square().mean() as tf.Scalar;
    const step = () => {
      const { grads, value } = tf.variableGrads(loss, [w, bias]);
      optimizer.applyGradients({ w: grads[w.name], bias: grads[bias.name] });
      tf.dispose([value, ...Object.values(grads)]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    tf.dispose([w, bias, input]);
  });

  it('rejects bad hyperparameters, unknown gradients and mismatched states clearly', () => {
    const x = tf.variable(tf.zeros([2]));
    expect(() => new AdamW({ x }, { beta1: 1 })).toThrow(/beta1 must be in \[0, 1\)/);
    expect(() => new AdamW({ x }, { lr: Number.NaN })).toThrow(/lr must be/);
    const optimizer = new AdamW({ x });
    const g = tf.zeros([3]);
    expect(() => optimizer.applyGradients({ y: g })).toThrow(/unknown parameter 'y'/);
    expect(() => optimizer.applyGradients({ x: g })).toThrow(/shape \[3\], parameter has \[2\]/);
    expect(() => optimizer.setState({ step: 1, m: { x: g }, v: { x: g } })).toThrow(/m of 'x' has shape \[3\]/);
    expect(() => optimizer.setState({ step: 1, m: {}, v: {} })).toThrow(/missing parameter 'x'/);
    tf.dispose([x, g]);
    optimizer.dispose();
  });
});
