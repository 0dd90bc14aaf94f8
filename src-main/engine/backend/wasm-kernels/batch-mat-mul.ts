import * as tf from '@tensorflow/tfjs';

/** A product of one (1, M, K) and one (1, K, N) operand: what the wasm backend runs on XNNPACK. */
export type PlainMatMul = (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

/** (..., R, C) -> (..., C, R) */
function swapLastTwo(x: tf.Tensor): tf.Tensor {
  const axes = x.shape.map((_, i) => i);
  [axes[x.rank - 2], axes[x.rank - 1]] = [axes[x.rank - 1], axes[x.rank - 2]];
  return x.transpose(axes);
}

const product = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/**
 * tf.matMul(a, b, transposeA, transposeB) with batch broadcasting, from 2-d products only. The
 * wasm backend sends any product with a transposed operand or a batch above 1 to a scalar loop
 * (1-3 GFLOP/s; XNNPACK's GEMM does 10-30 per thread): a backward pass is made of those (a
 * Linear's dx = dy W^T, attention's dQ, dK, dV). Operands are transposed explicitly instead,
 * a weight shared by the batch multiplies all rows at once, and other batches go product by product.
 */
export function batchMatMul(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean, plain: PlainMatMul): tf.Tensor {
  return tf.tidy(() => {
    const left = transposeA ? swapLastTwo(a) : a; // (...batchA, M, K)
    const right = transposeB ? swapLastTwo(b) : b; // (...batchB, K, N)
    const [m, k] = left.shape.slice(-2);
    const n = right.shape[right.rank - 1];
    const batchA = left.shape.slice(0, -2);
    const batchB = right.shape.slice(0, -2);
    const batch = tf.broadcast_util.assertAndGetBroadcastShape(batchA, batchB);
    const size = product(batch);
    if (product(batchB) === 1) {
      // Every row of every batch of a meets the same b: one product of all rows.
      const rows = plain(left.reshape([1, product(batchA) * m, k]) as tf.Tensor3D, right.reshape([1, k, n]) as tf.Tensor3D); // (1, batch*M, N)
      return rows.reshape([...batch, m, n]);
    }
    const lhs = tf.broadcastTo(left, [...batch, m, k]).reshape([size, m, k]); // (S, M, K)
    const rhs = tf.broadcastTo(right, [...batch, k, n]).reshape([size, k, n]); // (S, K, N)
    const products: tf.Tensor3D[] = [];
    for (let s = 0; s < size; s++) {
      products.push(plain(lhs.slice([s, 0, 0], [1, m, k]) as tf.Tensor3D, rhs.slice([s, 0, 0], [1, k, n]) as tf.Tensor3D)); // (1, M, N)
    }
    return tf.concat(products, 0).reshape([...batch, m, n]); // (...batch, M, N)
  });
}
