import * as tf from '@tensorflow/tfjs';
import { backendTraits } from '../backend/traits';
import { perHeadAttention } from './per-head-attention';
import { recomputingAttention } from './recomputing-attention';

/**
 * Most attention scores held at once (B * heads * queries * keys): 2^22 floats = 16 MiB. SD 1.5
 * at 512 px has 4096 tokens in its first level, so an unsplit score matrix for a CFG batch is
 * 1 GiB: queries are processed in chunks that stay under this bound instead (at 64 MiB, a
 * head's scores and probabilities set the wasm heap a UNet step needs).
 */
export const DEFAULT_MAX_SCORES = 1 << 22;

/**
 * How the products are issued: 'batched' as one (B*heads)-batched matMul pair (best where
 * batched matMul is a fast kernel, e.g. GPUs); 'per-head' as 2-d matMuls per (sample, head)
 * (wasm, whose batched matMul is a scalar loop). 'auto' asks the active backend's traits.
 */
export type AttentionStrategy = 'auto' | 'batched' | 'per-head';

function resolveStrategy(strategy: AttentionStrategy): 'batched' | 'per-head' {
  if (strategy !== 'auto') return strategy;
  return backendTraits().fastBatchedMatMul ? 'batched' : 'per-head';
}

/**
 * Multi-head softmax(QK^T / sqrt(d)) V on already projected tokens.
 * q: (B, Tq, heads*headDim), k and v: (B, Tk, heads*headDim); returns (B, Tq, heads*headDim).
 */
export function scaledDotProductAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  heads: number,
  maxScores = DEFAULT_MAX_SCORES,
  strategy: AttentionStrategy = 'auto',
): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, queryLen, width] = q.shape;
    const keyLen = k.shape[1];
    if (width % heads !== 0) throw new Error(`attention: width ${width} is not divisible by ${heads} heads`);
    const headDim = width / heads;
    const groups = batch * heads;
    // Scaling q before the product touches Tq*d values instead of Tq*Tk.
    const qh = q
      .mul(1 / Math.sqrt(headDim))
      .reshape([batch, queryLen, heads, headDim]) // (B, Tq, heads, headDim)
      .transpose([0, 2, 1, 3]) // (B, heads, Tq, headDim)
      .reshape([groups, queryLen, headDim]) as tf.Tensor3D; // (B*heads, Tq, headDim)
    // K is transposed explicitly: matMul's transposeB flag is slow on wasm.
    const kht = k
      .reshape([batch, keyLen, heads, headDim]) // (B, Tk, heads, headDim)
      .transpose([0, 2, 3, 1]) // (B, heads, headDim, Tk)
      .reshape([groups, headDim, keyLen]) as tf.Tensor3D; // (B*heads, headDim, Tk)
    const vh = v
      .reshape([batch, keyLen, heads, headDim]) // (B, Tk, heads, headDim)
      .transpose([0, 2, 1, 3]) // (B, heads, Tk, headDim)
      .reshape([groups, keyLen, headDim]) as tf.Tensor3D; // (B*heads, Tk, headDim)

    const attended =
      resolveStrategy(strategy) === 'per-head' ? perHeadCore(qh, kht, vh, maxScores) : batchedAttention(qh, kht, vh, maxScores); // (B*heads, Tq, headDim)
    return attended
      .reshape([batch, heads, queryLen, headDim]) // (B, heads, Tq, headDim)
      .transpose([0, 2, 1, 3]) // (B, Tq, heads, headDim)
      .reshape([batch, queryLen, width]) as tf.Tensor3D; // (B, Tq, heads*headDim)
  });
}

/**
 * Per-head products; under a gradient scope as one op that recomputes probabilities in its
 * backward, so training keeps no (Tq, Tk) arrays on the tape.
 */
function perHeadCore(qh: tf.Tensor3D, kht: tf.Tensor3D, vh: tf.Tensor3D, maxScores: number): tf.Tensor3D {
  return tf.engine().isTapeOn() ? recomputingAttention(qh, kht, vh, maxScores) : perHeadAttention(qh, kht, vh, maxScores);
}

/** All heads in one batched matMul pair, queries chunked so at most maxScores scores live at once. */
function batchedAttention(qh: tf.Tensor3D, kht: tf.Tensor3D, vh: tf.Tensor3D, maxScores: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [groups, queryLen, headDim] = qh.shape;
    const keyLen = kht.shape[2];
    const chunk = Math.max(1, Math.floor(maxScores / (groups * keyLen)));
    const parts: tf.Tensor3D[] = [];
    for (let start = 0; start < queryLen; start += chunk) {
      const size = Math.min(chunk, queryLen - start);
      const rows = size === queryLen ? qh : qh.slice([0, start, 0], [groups, size, headDim]); // (B*heads, size, headDim)
      // A tidy per chunk frees its scores before the next chunk computes its own.
      parts.push(tf.tidy(() => tf.matMul(tf.softmax(tf.matMul(rows, kht)), vh))); // (B*heads, size, headDim)
    }
    return parts.length === 1 ? parts[0] : tf.concat(parts, 1); // (B*heads, Tq, headDim)
  });
}
