import * as tf from '@tensorflow/tfjs';
import type { NoiseSource } from '../../random';
import type { CachedLatents } from './latent-cache';

/**
 * Training latents for a batch: a fresh draw mean + exp(logvar / 2) * eps per image (as the
 * VAE's latent_dist.sample() would give), times the VAE's scaling_factor. (B, h, w, C).
 */
export function sampleTrainingLatents(batch: readonly CachedLatents[], noise: NoiseSource, scalingFactor: number): tf.Tensor4D {
  if (batch.length === 0) throw new Error('sampleTrainingLatents: empty batch');
  const shape = batch[0].shape;
  for (const latents of batch) {
    if (!tf.util.arraysEqual(latents.shape, shape)) throw new Error(`sampleTrainingLatents: latents [${latents.shape}] and [${shape}] differ in one batch`);
  }
  return tf.tidy(() => {
    const stacked = (pick: (l: CachedLatents) => Float32Array) => {
      const values = new Float32Array(batch.length * pick(batch[0]).length);
      batch.forEach((latents, b) => values.set(pick(latents), b * pick(latents).length));
      return tf.tensor4d(values, [batch.length, ...shape]);
    };
    const mean = stacked((l) => l.mean);
    const std = tf.exp(stacked((l) => l.logvar).mul(0.5));
    const eps = noise.normalTensor(mean.shape);
    return mean.add(std.mul(eps)).mul(scalingFactor) as tf.Tensor4D;
  });
}
