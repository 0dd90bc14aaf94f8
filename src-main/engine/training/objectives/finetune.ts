import * as tf from '@tensorflow/tfjs';
import { minSnrWeights, snr, trainingTarget } from '../../schedulers';
import { encodeCaptions } from '../../pipelines/prompt/encode-captions';
import { noisedBatch } from './noised-batch';
import type { LossTerms, Objective, StepContext, TrainingBatch } from './objective';

export interface DiffusionLossOptions {
  /** Min-SNR-gamma weighting (Hang et al. 2023); 0 or undefined: plain MSE. */
  minSnrGamma?: number;
  /** Offset noise strength (0: off). */
  noiseOffset?: number;
}

/**
 * The denoising loss per sample (spec section 7): noise the latents at seeded timesteps, predict
 * with the student UNet conditioned on the captions, and take the MSE against the target of the
 * schedule's prediction type (epsilon, or v for v-prediction models), optionally min-SNR weighted.
 * Returns (B,): the mean over latent elements of each sample, times its weight.
 */
export function perSampleDiffusionLoss(
  latents: tf.Tensor4D,
  captions: readonly string[],
  ctx: StepContext,
  options: DiffusionLossOptions = {},
): tf.Tensor1D {
  if (captions.length !== latents.shape[0]) throw new Error(`diffusion loss: ${captions.length} captions for ${latents.shape[0]} latents`);
  return tf.tidy(() => {
    const { noisy, noise, timesteps } = noisedBatch(latents, ctx, { noiseOffset: options.noiseOffset });
    const context = encodeCaptions(captions, ctx.textEncoder, ctx.tokenizer); // (B, 77, D)
    const prediction = ctx.unetForward(ctx.unet, noisy, timesteps, context, false).sample; // (B, h, w, C)
    const type = ctx.schedule.prediction_type;
    const target = trainingTarget(type, ctx.alphasCumprod, latents, noise, timesteps);
    const perSample = tf.mean(tf.squaredDifference(prediction, target), [1, 2, 3]) as tf.Tensor1D; // (B,)
    if (!options.minSnrGamma) return perSample;
    return tf.mul(perSample, minSnrWeights(snr(ctx.alphasCumprod, timesteps), options.minSnrGamma, type)) as tf.Tensor1D;
  });
}

/** Data-driven fine-tuning: the diffusion loss on the dataset's images and captions. */
export class FinetuneObjective implements Objective {
  readonly kind = 'finetune';

  constructor(private readonly options: DiffusionLossOptions = {}) {}

  loss(batch: TrainingBatch, ctx: StepContext): LossTerms {
    const total = tf.tidy(() => tf.mean(perSampleDiffusionLoss(batch.latents, batch.captions, ctx, this.options)) as tf.Scalar);
    return { total, terms: { mse: total } };
  }

  dispose(): void {}
}
