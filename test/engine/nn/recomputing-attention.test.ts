import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { perHeadAttention } from '../../../src-main/engine/nn/per-head-attention';
import { recomputingAttention } from '../../../src-main/engine/nn/recomputing-attention';
import { scaledDotProductAttention } from '../../../src-main/engine/nn/scaled-dot-product-attention';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(a.sub(b))).dataSync()[0]);
const maxAbs = (a: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(a)).dataSync()[0]);

// (G, Tq, d) queries, (G, d, Tk) transposed keys, (G, Tk, d) values, and a fixed output weighting.
const [groups, tq, tk, d] = [4, 9, 7, 5];
const operands = () =>
  tf.tidy(() => ({
    q: tf.randomNormal([groups, tq, d], 0, 1, 'float32', 1) as tf.Tensor3D,
    kt: tf.randomNormal([groups, d, tk], 0, 1, 'float32', 2) as tf.Tensor3D,
    v: tf.randomNormal([groups, tk, d], 0, 1, 'float32', 3) as tf.Tensor3D,
    w: tf.randomNormal([groups, tq, d], 0, 1, 'float32', 4) as tf.Tensor3D,
  }));

describe('recomputing attention (probabilities recomputed in the backward pass)', () => {
  it.each([
    { name: 'whole', maxScores: 1 << 24 },
    { name: 'queries chunked 4, 4, 1', maxScores: tk * 4 },
  ])('gives the same output and gradients as autodiff through perHeadAttention ($name)', ({ maxScores }) => {
    const { q, kt, v, w } = operands();
    const loss = (attend: typeof perHeadAttention) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
      tf.sum(tf.mul(attend(a as tf.Tensor3D, b as tf.Tensor3D, c as tf.Tensor3D, maxScores), w)) as tf.Scalar;
    const plain = tf.valueAndGrads(loss(perHeadAttention))([q, kt, v]);
    const before = tf.memory().numTensors;
    const ours = tf.valueAndGrads(loss(recomputingAttention))([q, kt, v]);
    expect(tf.memory().numTensors).toBe(before + 4); // the value and three gradients, nothing else
    expect(maxDiff(ours.value, plain.value)).toBe(0); // the same forward kernels
    ours.grads.forEach((g, i) => {
      expect(g.shape).toEqual(plain.grads[i].shape);
      expect(maxDiff(g, plain.grads[i]) / maxAbs(plain.grads[i])).toBeLessThan(1e-5);
    });
    tf.dispose([q, kt, v, w, plain.value, plain.grads, ours.value, ours.grads]);
  });

  it('is what scaledDotProductAttention differentiates on the per-head path (same gradients as batched)', () => {
    const heads = 3;
    const q = tf.randomNormal([2, 6, heads * 4], 0, 1, 'float32', 5) as tf.Tensor3D;
    const kv = tf.randomNormal([2, 5, heads * 4], 0, 1, 'float32', 6) as tf.Tensor3D;
    const grads = (strategy: 'batched' | 'per-head') =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(scaledDotProductAttention(a as tf.Tensor3D, b as tf.Tensor3D, b as tf.Tensor3D, heads, undefined, strategy))))([q, kv]);
    const batched = grads('batched');
    const perHead = grads('per-head');
    perHead.forEach((g, i) => expect(maxDiff(g, batched[i]) / maxAbs(batched[i])).toBeLessThan(1e-5));
    tf.dispose([q, kv, batched, perHead]);
  });
});
