import * as tf from '@tensorflow/tfjs';

// Type alias (not interface) so tf.tidy accepts it as a tensor container.
/** diffusers' DiagonalGaussianDistribution over latents, all (B, h, w, latent_channels). */
export type DiagonalGaussian = {
  mean: tf.Tensor4D;
  /** Clamped to [-30, 20] as diffusers does, so std stays finite. */
  logvar: tf.Tensor4D;
  std: tf.Tensor4D;
};

/** Splits quant_conv's moments (B, h, w, 2L) into mean | logvar along channels. */
export function diagonalGaussian(moments: tf.Tensor4D): DiagonalGaussian {
  return tf.tidy(() => {
    const [mean, rawLogvar] = tf.split(moments, 2, 3) as [tf.Tensor4D, tf.Tensor4D]; // (B, h, w, L) each
    const logvar = tf.clipByValue(rawLogvar, -30, 20);
    return { mean, logvar, std: tf.exp(logvar.mul(0.5)) as tf.Tensor4D };
  });
}

/** A draw mean + std * eps; eps ~ N(0, 1) with the latent's shape, supplied by the caller's RNG. */
export function sampleGaussian(dist: DiagonalGaussian, eps: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => dist.mean.add(dist.std.mul(eps)));
}
