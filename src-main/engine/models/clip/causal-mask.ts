import * as tf from '@tensorflow/tfjs';

// Large enough that exp() underflows to exactly 0 after softmax, small enough that adding it to a
// score can never overflow to -Infinity (which would turn a fully masked row into NaN).
const MASKED = -1e9;

/**
 * Additive causal mask (S, S): 0 where key <= query, MASKED above the diagonal, so each token
 * attends only to itself and the tokens before it, as CLIP's text transformer was trained.
 */
export function causalMask(length: number): tf.Tensor2D {
  return tf.tidy(() => {
    const query = tf.range(0, length, 1, 'int32').reshape([length, 1]); // (S, 1)
    const key = tf.range(0, length, 1, 'int32').reshape([1, length]); // (1, S)
    return tf.where(tf.greater(key, query), tf.fill([length, length], MASKED), tf.zeros([length, length])) as tf.Tensor2D;
  });
}
