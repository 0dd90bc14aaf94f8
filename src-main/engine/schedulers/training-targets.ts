import * as tf from '@tensorflow/tfjs';
import type { PredictionType } from './config';

/**
 * DDPM training math as tf ops, for use inside a training step (gradients flow through
 * the model prediction). `alphasCumprod` is the float32 schedule (see alphasCumprod());
 * `timesteps` holds one integer timestep per batch item. Notation: alphā_t = alphas_cumprod[t].
 */

/** sqrt(alphā_t) and sqrt(1 - alphā_t) per item, shaped [B, 1, 1, ...] to broadcast over `like`. */
function coefficients(alphasCumprod: tf.Tensor1D, timesteps: tf.Tensor1D, like: tf.Tensor): { signal: tf.Tensor; noise: tf.Tensor } {
  const ac = tf.gather(alphasCumprod, tf.cast(timesteps, 'int32'));
  const shape = [ac.shape[0], ...like.shape.slice(1).map(() => 1)];
  return { signal: tf.reshape(tf.sqrt(ac), shape), noise: tf.reshape(tf.sqrt(tf.sub(1, ac)), shape) };
}

/** Forward process q(x_t | x_0): x_t = sqrt(alphā_t) x_0 + sqrt(1 - alphā_t) eps. */
export function addNoise(alphasCumprod: tf.Tensor1D, x0: tf.Tensor, noise: tf.Tensor, timesteps: tf.Tensor1D): tf.Tensor {
  return tf.tidy(() => {
    const c = coefficients(alphasCumprod, timesteps, x0);
    return tf.add(tf.mul(c.signal, x0), tf.mul(c.noise, noise));
  });
}

/** The v-prediction target (Salimans & Ho 2022): v = sqrt(alphā_t) eps - sqrt(1 - alphā_t) x_0. */
export function velocityTarget(alphasCumprod: tf.Tensor1D, x0: tf.Tensor, noise: tf.Tensor, timesteps: tf.Tensor1D): tf.Tensor {
  return tf.tidy(() => {
    const c = coefficients(alphasCumprod, timesteps, x0);
    return tf.sub(tf.mul(c.signal, noise), tf.mul(c.noise, x0));
  });
}

/** The regression target for a prediction type: eps, v, or x_0. */
export function trainingTarget(type: PredictionType, alphasCumprod: tf.Tensor1D, x0: tf.Tensor, noise: tf.Tensor, timesteps: tf.Tensor1D): tf.Tensor {
  switch (type) {
    case 'epsilon':
      return tf.clone(noise);
    case 'v_prediction':
      return velocityTarget(alphasCumprod, x0, noise, timesteps);
    case 'sample':
      return tf.clone(x0);
  }
}

/** Signal-to-noise ratio alphā_t / (1 - alphā_t), as (sqrt(alphā_t) / sqrt(1 - alphā_t))² like diffusers' compute_snr. */
export function snr(alphasCumprod: tf.Tensor1D, timesteps: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const ac = tf.gather(alphasCumprod, tf.cast(timesteps, 'int32'));
    return tf.square(tf.div(tf.sqrt(ac), tf.sqrt(tf.sub(1, ac))));
  }) as tf.Tensor1D;
}

/**
 * Min-SNR-gamma loss weights (Hang et al. 2023) per item, for an MSE against the target of
 * `type`: epsilon min(SNR, gamma) / SNR; v-prediction min(SNR, gamma) / (SNR + 1); x_0 min(SNR, gamma).
 */
export function minSnrWeights(snrValues: tf.Tensor1D, gamma: number, type: PredictionType): tf.Tensor1D {
  return tf.tidy(() => {
    const clipped = tf.minimum(snrValues, gamma);
    switch (type) {
      case 'epsilon':
        return tf.div(clipped, snrValues);
      case 'v_prediction':
        return tf.div(clipped, tf.add(snrValues, 1));
      case 'sample':
        return clipped;
    }
  }) as tf.Tensor1D;
}

/** mean over items of (per-item mean squared error * weight): the weighted diffusion loss, a scalar. */
export function weightedMseLoss(prediction: tf.Tensor, target: tf.Tensor, weights: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const perItemAxes = prediction.shape.slice(1).map((_, i) => i + 1);
    const perItem = tf.mean(tf.squaredDifference(prediction, target), perItemAxes);
    return tf.mean(tf.mul(perItem, weights)) as tf.Scalar;
  });
}
