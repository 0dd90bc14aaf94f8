import * as tf from '@tensorflow/tfjs';
import { addNoise } from '../../schedulers';
import type { StepContext } from './objective';

/** A noised training batch: the model input x_t, the noise eps and the timesteps drawn. */
export type NoisedBatch = {
  noisy: tf.Tensor4D;
  noise: tf.Tensor4D;
  timesteps: tf.Tensor1D;
};

export interface NoiseOptions {
  /** Offset noise (Guttenberg 2023): adds offset * N(0,1) per sample and channel, to learn brightness. */
  noiseOffset?: number;
}

/**
 * Draws one timestep in [0, T) and Gaussian noise per sample from the run's seeded generator,
 * and noises the clean latents: x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps.
 */
export function noisedBatch(latents: tf.Tensor4D, ctx: StepContext, options: NoiseOptions = {}): NoisedBatch {
  const [batch, , , channels] = latents.shape;
  const steps = ctx.schedule.num_train_timesteps;
  const draws = Array.from({ length: batch }, () => Math.min(steps - 1, Math.floor(ctx.rng.uniform() * steps)));
  const gaussian = ctx.rng.normalTensor(latents.shape);
  const offset = options.noiseOffset ? ctx.rng.normalTensor([batch, 1, 1, channels]) : null;
  return tf.tidy(() => {
    const timesteps = tf.tensor1d(draws, 'int32');
    const noise = (offset ? tf.add(gaussian, tf.mul(offset, options.noiseOffset ?? 0)) : tf.clone(gaussian)) as tf.Tensor4D;
    const noisy = addNoise(ctx.alphasCumprod, latents, noise, timesteps) as tf.Tensor4D;
    gaussian.dispose();
    offset?.dispose();
    return { noisy, noise, timesteps };
  });
}
