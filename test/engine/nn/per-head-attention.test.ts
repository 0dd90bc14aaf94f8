import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scaledDotProductAttention } from '../../../src-main/engine/nn/scaled-dot-product-attention';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(a.sub(b))).dataSync()[0]);

describe('per-head attention (the wasm strategy)', () => {
  it('matches the batched products, whole and with queries chunked within a head, with no tensor growth', () => {
    const [b, tq, tk, heads, d] = [2, 9, 5, 3, 4];
    const q = tf.randomNormal([b, tq, heads * d], 0, 1, 'float32', 1) as tf.Tensor3D;
    const k = tf.randomNormal([b, tk, heads * d], 0, 1, 'float32', 2) as tf.Tensor3D;
    const v = tf.randomNormal([b, tk, heads * d], 0, 1, 'float32', 3) as tf.Tensor3D;
    const batched = scaledDotProductAttention(q, k, v, heads, undefined, 'batched');
    const before = tf.memory().numTensors;
    const perHead = scaledDotProductAttention(q, k, v, heads, undefined, 'per-head');
    const chunked = scaledDotProductAttention(q, k, v, heads, tk * 4, 'per-head'); // chunks of 4, 4, 1 queries
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(perHead.shape).toEqual([b, tq, heads * d]);
    expect(maxDiff(perHead, batched)).toBeLessThan(1e-6);
    expect(maxDiff(chunked, batched)).toBeLessThan(1e-6);
    tf.dispose([q, k, v, batched, perHead, chunked]);
  });

  it('is what auto picks on wasm', () => {
    const q = tf.randomNormal([1, 6, 8], 0, 1, 'float32', 4) as tf.Tensor3D;
    const auto = scaledDotProductAttention(q, q, q, 2);
    const perHead = scaledDotProductAttention(q, q, q, 2, undefined, 'per-head');
    expect(Array.from(auto.dataSync())).toEqual(Array.from(perHead.dataSync()));
    tf.dispose([q, auto, perHead]);
  });
});
