import * as tf from '@tensorflow/tfjs';

/** SiLU / swish: x * sigmoid(x) (torch.nn.SiLU). */
export function silu<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)) as T);
}

/** Exact GELU, 0.5 * x * (1 + erf(x / sqrt 2)) (torch.nn.functional.gelu, approximate='none'). */
export function gelu<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)) as T);
}
