import * as tf from '@tensorflow/tfjs';
import { perSampleDiffusionLoss, type DiffusionLossOptions } from './finetune';
import type { LossTerms, Objective, StepContext, TrainingBatch } from './objective';

export interface DreamBoothOptions extends DiffusionLossOptions {
  /** lambda_prior: weight of the prior-preservation term. */
  priorWeight: number;
}

/**
 * DreamBooth (Ruiz et al. 2023; spec section 7): the diffusion loss on the instance images
 * (captioned with the identifier prompt) plus lambda_prior times the same loss on class-prior
 * images the base model generated, so the class keeps its look while the identifier learns the
 * subject. Both kinds come in one micro-batch, marked by `batch.prior`; one UNet pass serves both.
 */
export class DreamBoothObjective implements Objective {
  readonly kind = 'dreambooth';

  constructor(private readonly options: DreamBoothOptions) {
    if (!(options.priorWeight >= 0)) throw new Error(`DreamBooth: priorWeight must be >= 0, got ${options.priorWeight}`);
  }

  loss(batch: TrainingBatch, ctx: StepContext): LossTerms {
    const prior = batch.prior ?? batch.captions.map(() => false);
    if (prior.length !== batch.captions.length) throw new Error(`DreamBooth: ${prior.length} prior flags for ${batch.captions.length} samples`);
    const instanceCount = prior.filter((p) => !p).length;
    const priorCount = prior.length - instanceCount;
    if (instanceCount === 0) throw new Error('DreamBooth: a micro-batch without instance images');
    const [instance, priorLoss] = tf.tidy(() => {
      const perSample = perSampleDiffusionLoss(batch.latents, batch.captions, ctx, this.options); // (B,)
      const isPrior = tf.tensor1d(prior.map((p) => (p ? 1 : 0)), 'float32');
      const instanceMean = tf.div(tf.sum(tf.mul(perSample, tf.sub(1, isPrior))), instanceCount) as tf.Scalar;
      return priorCount === 0 ? [instanceMean] : [instanceMean, tf.div(tf.sum(tf.mul(perSample, isPrior)), priorCount) as tf.Scalar];
    });
    if (!priorLoss) return { total: instance, terms: { instance } };
    const total = tf.tidy(() => tf.add(instance, tf.mul(priorLoss, this.options.priorWeight)) as tf.Scalar);
    return { total, terms: { instance, prior: priorLoss } };
  }

  dispose(): void {}
}
