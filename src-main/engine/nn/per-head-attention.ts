import * as tf from '@tensorflow/tfjs';

/**
 * Multi-head attention as one pair of 2-d products per (sample, head), on operands already
 * split into heads: qh (B*heads, Tq, d) pre-scaled, kht (B*heads, d, Tk), vh (B*heads, Tk, d).
 * Returns (B*heads, Tq, d).
 *
 * Why: the wasm backend sends a matMul with a batch dimension above 1 to a scalar blocked
 * loop (~2-3 GFLOP/s), while 2-d products go to XNNPACK's SIMD GEMM (10-30 GFLOP/s). Per head,
 * at most `maxScores` scores are held at once (queries are chunked beyond that).
 */
export function perHeadAttention(qh: tf.Tensor3D, kht: tf.Tensor3D, vh: tf.Tensor3D, maxScores: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [groups, queryLen, headDim] = qh.shape;
    const keyLen = kht.shape[2];
    const chunk = Math.max(1, Math.floor(maxScores / keyLen));
    const outputs: tf.Tensor2D[] = [];
    for (let g = 0; g < groups; g++) {
      // A tidy per head frees its slices and scores before the next head computes its own.
      const out = tf.tidy(() => {
        const q = qh.slice([g, 0, 0], [1, queryLen, headDim]).reshape([queryLen, headDim]) as tf.Tensor2D; // (Tq, d)
        const kt = kht.slice([g, 0, 0], [1, headDim, keyLen]).reshape([headDim, keyLen]) as tf.Tensor2D; // (d, Tk)
        const v = vh.slice([g, 0, 0], [1, keyLen, headDim]).reshape([keyLen, headDim]) as tf.Tensor2D; // (Tk, d)
        const parts: tf.Tensor2D[] = [];
        for (let start = 0; start < queryLen; start += chunk) {
          const rows = chunk >= queryLen ? q : q.slice([start, 0], [Math.min(chunk, queryLen - start), headDim]); // (rows, d)
          parts.push(tf.tidy(() => tf.matMul(tf.softmax(tf.matMul(rows, kt)), v))); // (rows, d)
        }
        return parts.length === 1 ? parts[0] : tf.concat(parts, 0); // (Tq, d)
      });
      outputs.push(out);
    }
    return tf.stack(outputs) as tf.Tensor3D; // (B*heads, Tq, d)
  });
}
