import * as tf from '@tensorflow/tfjs';

/**
 * out[s, ...] = sum of x[m, ...] over the m with segmentIds[m] == s (ids outside [0, numSegments)
 * are dropped, as TensorFlow does). It is the gradient of tf.gather, e.g. of an embedding lookup:
 * a one-hot matrix turns the scatter into one matmul.
 */
export function unsortedSegmentSum(x: tf.Tensor, segmentIds: tf.Tensor, numSegments: number): tf.Tensor {
  return tf.tidy(() => {
    const rows = segmentIds.size;
    const rest = x.shape.slice(segmentIds.rank);
    const values = x.toFloat().reshape([rows, -1]); // (M, rest)
    // int32 then cast: wasm's OneHot ignores a float32 dtype and returns zeros (tfjs 4.22).
    const membership = tf.oneHot(segmentIds.flatten().toInt(), numSegments).toFloat(); // (M, S)
    const sums = tf.matMul(membership.transpose(), values); // (S, rest)
    return sums.reshape([numSegments, ...rest]).cast(x.dtype);
  });
}
