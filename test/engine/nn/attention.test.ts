import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Attention } from '../../../src-main/engine/nn/attention';
import { scaledDotProductAttention } from '../../../src-main/engine/nn/scaled-dot-product-attention';
import { SpatialSelfAttention } from '../../../src-main/engine/nn/spatial-self-attention';
import { randomizeParameters } from './random-weights';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

/** Loops over batch, head, query: softmax(q.k / sqrt(d)) . v on flat (B, T, heads*d) arrays. */
function naiveAttention(q: Float32Array, k: Float32Array, v: Float32Array, b: number, tq: number, tk: number, heads: number, d: number) {
  const width = heads * d;
  const out = new Float64Array(b * tq * width);
  for (let n = 0; n < b; n++) {
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < tq; i++) {
        const scores = Array.from({ length: tk }, (_, j) => {
          let s = 0;
          for (let e = 0; e < d; e++) s += q[(n * tq + i) * width + h * d + e] * k[(n * tk + j) * width + h * d + e];
          return s / Math.sqrt(d);
        });
        const max = Math.max(...scores);
        const exp = scores.map((s) => Math.exp(s - max));
        const total = exp.reduce((a, c) => a + c, 0);
        for (let e = 0; e < d; e++) {
          out[(n * tq + i) * width + h * d + e] = exp.reduce((acc, p, j) => acc + (p / total) * v[(n * tk + j) * width + h * d + e], 0);
        }
      }
    }
  }
  return out;
}

describe('scaledDotProductAttention', () => {
  it('matches a per-head loop for cross-attention lengths', () => {
    const [b, tq, tk, heads, d] = [2, 5, 3, 2, 4];
    const q = tf.randomNormal([b, tq, heads * d], 0, 1, 'float32', 1) as tf.Tensor3D;
    const k = tf.randomNormal([b, tk, heads * d], 0, 1, 'float32', 2) as tf.Tensor3D;
    const v = tf.randomNormal([b, tk, heads * d], 0, 1, 'float32', 3) as tf.Tensor3D;
    const got = scaledDotProductAttention(q, k, v, heads);
    expect(got.shape).toEqual([b, tq, heads * d]);
    const want = naiveAttention(q.dataSync() as Float32Array, k.dataSync() as Float32Array, v.dataSync() as Float32Array, b, tq, tk, heads, d);
    const values = got.dataSync();
    for (let i = 0; i < want.length; i++) expect(values[i]).toBeCloseTo(want[i], 5);
    tf.dispose([q, k, v, got]);
  });

  it('gives the same result when queries are split into chunks to bound the score matrix', () => {
    const [b, tq, tk, heads] = [2, 7, 3, 2];
    const q = tf.randomNormal([b, tq, 8], 0, 1, 'float32', 5) as tf.Tensor3D;
    const k = tf.randomNormal([b, tk, 8], 0, 1, 'float32', 6) as tf.Tensor3D;
    const v = tf.randomNormal([b, tk, 8], 0, 1, 'float32', 7) as tf.Tensor3D;
    const whole = scaledDotProductAttention(q, k, v, heads);
    const chunked = scaledDotProductAttention(q, k, v, heads, b * heads * tk * 3); // chunks of 3, 3, 1 queries
    expect(chunked.shape).toEqual(whole.shape);
    expect(tf.max(tf.abs(chunked.sub(whole))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([q, k, v, whole, chunked]);
  });
});

describe('Attention modules', () => {
  it("names projections like diffusers: to_q/to_k/to_v without bias in SD's blocks, to_out.0 with bias", () => {
    const attn = new Attention({ queryDim: 8, contextDim: 6, heads: 2, headDim: 4, qkvBias: false });
    expect([...attn.namedParameters()].map(([n, p]) => `${n}:${p.torchShape.join('x')}`).sort()).toEqual([
      'to_k.weight:8x6',
      'to_out.0.bias:8',
      'to_out.0.weight:8x8',
      'to_q.weight:8x8',
      'to_v.weight:8x6',
    ]);
  });

  it('VAE self-attention: projections directly under the block, residual added, shape kept', () => {
    const block = new SpatialSelfAttention(8, 4, 1e-6);
    expect([...block.namedParameters()].map(([n]) => n).sort()).toEqual(
      ['group_norm', 'to_k', 'to_out.0', 'to_q', 'to_v'].flatMap((m) => [`${m}.bias`, `${m}.weight`]),
    );
    randomizeParameters(block);
    const x = tf.randomNormal([1, 3, 5, 8], 0, 1, 'float32', 4) as tf.Tensor4D;
    const y = block.forward(x, null);
    expect(y.shape).toEqual([1, 3, 5, 8]);
    // Without the residual the result is the attention of the normed map; check the residual is there.
    const tokens = block.groupNorm.forward(x).reshape([1, 15, 8]) as tf.Tensor3D;
    const mixed = block.attention.forward(tokens).reshape([1, 3, 5, 8]);
    expect(tf.max(tf.abs(y.sub(mixed).sub(x))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([x, y, tokens, mixed]);
    block.dispose();
  });
});
