import * as tf from '@tensorflow/tfjs';

/**
 * Multi-head softmax(QK^T / sqrt(d)) V on already projected tokens.
 * q: (B, Tq, heads*headDim), k and v: (B, Tk, heads*headDim); returns (B, Tq, heads*headDim).
 */
export function scaledDotProductAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, heads: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, queryLen, width] = q.shape;
    const keyLen = k.shape[1];
    if (width % heads !== 0) throw new Error(`attention: width ${width} is not divisible by ${heads} heads`);
    const headDim = width / heads;
    // Scaling q before the product touches Tq*d values instead of Tq*Tk.
    const qh = q
      .mul(1 / Math.sqrt(headDim))
      .reshape([batch, queryLen, heads, headDim]) // (B, Tq, heads, headDim)
      .transpose([0, 2, 1, 3]); // (B, heads, Tq, headDim)
    // K is transposed explicitly: matMul's transposeB flag is slow on wasm.
    const kht = k
      .reshape([batch, keyLen, heads, headDim]) // (B, Tk, heads, headDim)
      .transpose([0, 2, 3, 1]); // (B, heads, headDim, Tk)
    const vh = v
      .reshape([batch, keyLen, heads, headDim]) // (B, Tk, heads, headDim)
      .transpose([0, 2, 1, 3]); // (B, heads, Tk, headDim)
    const weights = tf.softmax(tf.matMul(qh, kht)); // (B, heads, Tq, Tk)
    return tf
      .matMul(weights, vh) // (B, heads, Tq, headDim)
      .transpose([0, 2, 1, 3]) // (B, Tq, heads, headDim)
      .reshape([batch, queryLen, width]); // (B, Tq, heads*headDim)
  });
}
