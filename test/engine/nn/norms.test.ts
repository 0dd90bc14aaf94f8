import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GroupNorm } from '../../../src-main/engine/nn/group-norm';
import { LayerNorm } from '../../../src-main/engine/nn/layer-norm';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

/** Reference: normalize `values` at the given flat indices in place (biased variance). */
function normalizeAt(out: Float64Array, values: Float32Array, indices: number[], eps: number): void {
  const mean = indices.reduce((s, i) => s + values[i], 0) / indices.length;
  const variance = indices.reduce((s, i) => s + (values[i] - mean) ** 2, 0) / indices.length;
  for (const i of indices) out[i] = (values[i] - mean) / Math.sqrt(variance + eps);
}

describe('GroupNorm (NHWC)', () => {
  it('normalizes each sample over its group of channels and all positions, then scales and shifts', () => {
    const [b, h, w, c, groups] = [2, 3, 4, 6, 3];
    const x = tf.randomNormal([b, h, w, c], 2, 3, 'float32', 1) as tf.Tensor4D;
    const norm = new GroupNorm(groups, c, 1e-6);
    const gamma = tf.tensor1d([1, 2, 3, 4, 5, 6]);
    const beta = tf.tensor1d([0, -1, 1, 0.5, 0, 2]);
    norm.weight?.load(gamma);
    norm.bias?.load(beta);
    const got = norm.forward(x).dataSync();

    const values = x.dataSync() as Float32Array;
    const want = new Float64Array(values.length);
    const perGroup = c / groups;
    for (let n = 0; n < b; n++) {
      for (let g = 0; g < groups; g++) {
        const indices: number[] = [];
        for (let p = 0; p < h * w; p++) for (let k = 0; k < perGroup; k++) indices.push((n * h * w + p) * c + g * perGroup + k);
        normalizeAt(want, values, indices, 1e-6);
      }
    }
    const [gv, bv] = [gamma.dataSync(), beta.dataSync()];
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i] * gv[i % c] + bv[i % c], 4);
    tf.dispose([x, gamma, beta]);
    norm.dispose();
  });

  it('refuses channels that do not split into the groups', () => {
    expect(() => new GroupNorm(32, 48)).toThrow(/48 channels cannot be split into 32 groups/);
  });
});

describe('LayerNorm', () => {
  it('normalizes over the last axis', () => {
    const x = tf.randomNormal([2, 5, 8], -1, 2, 'float32', 2);
    const norm = new LayerNorm(8);
    const ones = tf.ones([8]);
    const zeros = tf.zeros([8]);
    norm.weight?.load(ones);
    norm.bias?.load(zeros);
    const got = norm.forward(x).dataSync();
    const values = x.dataSync() as Float32Array;
    const want = new Float64Array(values.length);
    for (let row = 0; row < 10; row++) normalizeAt(want, values, Array.from({ length: 8 }, (_, k) => row * 8 + k), 1e-5);
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 4);
    tf.dispose([x, ones, zeros]);
  });
});
