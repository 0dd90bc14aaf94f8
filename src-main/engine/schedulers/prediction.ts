import * as tf from '@tensorflow/tfjs';
import type { PredictionType } from './config';

/**
 * What the model's output says about the clean sample x_0 and the noise eps, for a
 * variance-preserving sample x_t = alpha_t x_0 + sigma_t eps (alpha_t² + sigma_t² = 1):
 *   epsilon      : eps = out,                         x_0 = (x_t - sigma_t eps) / alpha_t
 *   v_prediction : x_0 = alpha_t x_t - sigma_t v,     eps = alpha_t v + sigma_t x_t
 *   sample       : x_0 = out,                         eps = (x_t - alpha_t x_0) / sigma_t
 */
export function predictX0AndEps(
  type: PredictionType,
  modelOutput: tf.Tensor,
  sample: tf.Tensor,
  alpha: number,
  sigma: number,
): { x0: tf.Tensor; eps: tf.Tensor } {
  switch (type) {
    case 'epsilon':
      return { x0: tf.div(tf.sub(sample, tf.mul(modelOutput, sigma)), alpha), eps: modelOutput };
    case 'v_prediction':
      return {
        x0: tf.sub(tf.mul(sample, alpha), tf.mul(modelOutput, sigma)),
        eps: tf.add(tf.mul(modelOutput, alpha), tf.mul(sample, sigma)),
      };
    case 'sample':
      return { x0: tf.clone(modelOutput), eps: tf.div(tf.sub(sample, tf.mul(modelOutput, alpha)), sigma) };
  }
}

/**
 * The same for a variance-exploding sample x = x_0 + sigma eps (Euler family), whose VP
 * form is x_t = x / sqrt(sigma² + 1):
 *   epsilon      : x_0 = x - sigma eps
 *   v_prediction : x_0 = x / (sigma² + 1) - v sigma / sqrt(sigma² + 1)
 *   sample       : x_0 = out
 */
export function predictX0FromSigma(type: PredictionType, modelOutput: tf.Tensor, sample: tf.Tensor, sigma: number): tf.Tensor {
  switch (type) {
    case 'epsilon':
      return tf.sub(sample, tf.mul(modelOutput, sigma));
    case 'v_prediction':
      return tf.add(tf.mul(modelOutput, -sigma / Math.sqrt(sigma * sigma + 1)), tf.div(sample, sigma * sigma + 1));
    case 'sample':
      return tf.clone(modelOutput);
  }
}
