import * as tf from '@tensorflow/tfjs';
import { sha256OfFiles } from '../../io/model-files/hash';
import type { AutoencoderKL } from '../../models/vae';

/** What the latent cache needs of a VAE. */
export interface LatentEncoder {
  /** Identifies the weights: cached latents from other weights are never reused. */
  readonly id: string;
  /** Image pixels per latent pixel along each side (8 in SD 1.5). */
  readonly downscale: number;
  /** (B, H, W, 3) in [-1, 1] -> the latent distribution's mean and (clamped) logvar, (B, H/f, W/f, C); the caller disposes them. */
  encode(x: tf.Tensor4D): { mean: tf.Tensor4D; logvar: tf.Tensor4D };
}

/** Wraps a loaded VAE; `id` should be vaeWeightsId(...) of its weights or a caller-chosen stable id. */
export function vaeLatentEncoder(vae: AutoencoderKL, id: string): LatentEncoder {
  if (!id) throw new Error('vaeLatentEncoder: an id for the VAE weights is required (see vaeWeightsId)');
  return {
    id,
    downscale: vae.downscale,
    encode(x) {
      const { mean, logvar, std } = vae.encode(x);
      std.dispose(); // recomputed from logvar when sampling
      return { mean, logvar };
    },
  };
}

/** 'sha256:<hex>' of the VAE's weights file(s), in order. */
export async function vaeWeightsId(files: readonly string[]): Promise<string> {
  if (files.length === 0) throw new Error('vaeWeightsId: no files');
  return `sha256:${await sha256OfFiles(files)}`;
}

/** Counts calls to an encoder (for progress and to check the cache is used); the encoding is the wrapped one's. */
export function countingEncoder(inner: LatentEncoder): LatentEncoder & { readonly calls: number } {
  let calls = 0;
  return {
    id: inner.id,
    downscale: inner.downscale,
    get calls() {
      return calls;
    },
    encode(x) {
      calls += 1;
      return tf.tidy(() => inner.encode(x));
    },
  };
}
