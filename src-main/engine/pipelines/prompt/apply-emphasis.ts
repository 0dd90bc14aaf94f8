import * as tf from '@tensorflow/tfjs';

/**
 * A1111's "Original" emphasis on encoded chunks, then the chunks laid end to end:
 * each chunk's hidden states are scaled per token by its weight, then rescaled so the chunk's
 * mean over all its values equals the mean before weighting (so emphasis shifts attention
 * between tokens rather than the overall magnitude).
 *
 * hidden (C, 77, D), weights (C, 77) -> (1, C*77, D).
 */
export function applyEmphasis(hidden: tf.Tensor3D, weights: tf.Tensor2D): tf.Tensor3D {
  const [chunks, length, dim] = hidden.shape;
  if (weights.shape[0] !== chunks || weights.shape[1] !== length) {
    throw new Error(`emphasis weights [${weights.shape}] do not match hidden states [${hidden.shape}]`);
  }
  return tf.tidy(() => {
    const originalMean = hidden.mean([1, 2], true); // (C, 1, 1)
    const weighted = hidden.mul(weights.expandDims(2)); // (C, 77, 1) broadcast over D
    const restored = weighted.mul(originalMean.div(weighted.mean([1, 2], true)));
    return restored.reshape([1, chunks * length, dim]) as tf.Tensor3D; // (C, 77, D) -> (1, C*77, D)
  });
}
