import * as tf from '@tensorflow/tfjs';
import { trainingTarget } from '../../schedulers';
import { encodeCaptions } from '../../pipelines/prompt/encode-captions';
import { teacherPredict, type Teacher } from './teacher';
import { noisedBatch } from '../objectives/noised-batch';
import type { LossTerms, Objective, StepContext, TrainingBatch } from '../objectives/objective';

/** The weights of the distillation terms (spec section 7). */
export type DistillWeights = {
  /** The ordinary denoising loss on the batch's latents. */
  task: number;
  /** Output-level KD: ||eps_S - eps_T||^2. */
  out: number;
  /** Feature-level KD: sum over down/mid/up blocks of ||f_S - f_T||^2. */
  feat: number;
};

export const DEFAULT_DISTILL_WEIGHTS: DistillWeights = { task: 1, out: 1, feat: 1 };

/** How each term is named in LossTerms (the training monitor's labels). */
const TERM_LABELS: Record<keyof DistillWeights, string> = { task: 'task', out: 'out_kd', feat: 'feat_kd' };

type Terms = Partial<Record<keyof DistillWeights, tf.Scalar>>;

/**
 * Distillation from a community checkpoint (paper Sec. IV): the student (base + adapter) and
 * the frozen teacher see the same noisy latents at the same timesteps.
 *
 * - Shared text encoder: L = task * L_task + out * L_outKD + feat * L_featKD.
 * - The teacher has its own text encoder: L = out * L_outKD only (the paper: feature and task
 *   terms risk collapsing the student across encoders); the teacher reads the batch's
 *   `teacherCaptions` (a paired prompt file), the student its `captions`.
 *
 * Every squared norm is a mean over elements (as diffusers' MSE), so the terms are comparable
 * across resolutions.
 */
export class DistillObjective implements Objective {
  readonly kind = 'distill';
  readonly weights: DistillWeights;

  constructor(
    readonly teacher: Teacher,
    weights: Partial<DistillWeights> = {},
  ) {
    this.weights = { ...DEFAULT_DISTILL_WEIGHTS, ...weights };
    for (const [name, w] of Object.entries(this.weights)) {
      if (!(Number.isFinite(w) && w >= 0)) throw new Error(`distillation: weight ${name} must be a number >= 0, got ${w}`);
    }
  }

  /** True when the teacher reads its own prompts through its own text encoder. */
  get separateEncoders(): boolean {
    return this.teacher.text !== undefined;
  }

  loss(batch: TrainingBatch, ctx: StepContext): LossTerms {
    const size = batch.latents.shape[0];
    if (batch.captions.length !== size) throw new Error(`distillation: ${batch.captions.length} captions for ${size} latents`);
    if (this.separateEncoders && batch.teacherCaptions?.length !== size) {
      throw new Error(`distillation with the teacher's own text encoder needs one teacher prompt per sample (a paired prompt file); got ${batch.teacherCaptions?.length ?? 0} for ${size}`);
    }
    const terms = tf.tidy(() => (this.separateEncoders ? this.outputOnly(batch, ctx) : this.allTerms(batch, ctx)));
    const named = Object.entries(terms) as [keyof DistillWeights, tf.Scalar][];
    const total = tf.tidy(() => tf.addN(named.map(([name, t]) => tf.mul(t, this.weights[name]))) as tf.Scalar);
    return { total, terms: Object.fromEntries(named.map(([name, t]) => [TERM_LABELS[name], t])) };
  }

  private allTerms(batch: TrainingBatch, ctx: StepContext): Terms {
    const { noisy, noise, timesteps } = noisedBatch(batch.latents, ctx);
    const context = encodeCaptions(batch.captions, ctx.textEncoder, ctx.tokenizer); // (B, 77, D), shared by both
    const withBlocks = this.weights.feat > 0;
    const student = ctx.unetForward(ctx.unet, noisy, timesteps, context, withBlocks);
    const teacher = teacherPredict(this.teacher, noisy, timesteps, { context }, withBlocks);
    const target = trainingTarget(ctx.schedule.prediction_type, ctx.alphasCumprod, batch.latents, noise, timesteps);
    const terms: Terms = {
      task: mse(student.sample, target),
      out: mse(student.sample, teacher.sample),
    };
    if (withBlocks) terms.feat = featureLoss(student.blocks ?? [], teacher.blocks);
    return terms;
  }

  private outputOnly(batch: TrainingBatch, ctx: StepContext): Terms {
    const { noisy, timesteps } = noisedBatch(batch.latents, ctx);
    const context = encodeCaptions(batch.captions, ctx.textEncoder, ctx.tokenizer); // the student's prompts
    const student = ctx.unetForward(ctx.unet, noisy, timesteps, context, false);
    const teacher = teacherPredict(this.teacher, noisy, timesteps, { captions: batch.teacherCaptions ?? [] }, false);
    return { out: mse(student.sample, teacher.sample) };
  }

  dispose(): void {
    this.teacher.dispose();
  }
}

function mse(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(a, b));
}

/** sum over blocks of the mean squared difference; the block lists must pair up shape by shape. */
function featureLoss(student: tf.Tensor4D[], teacher: tf.Tensor4D[]): tf.Scalar {
  if (student.length !== teacher.length || student.some((s, i) => !tf.util.arraysEqual(s.shape, teacher[i].shape))) {
    const shapes = (blocks: tf.Tensor4D[]) => blocks.map((b) => `[${b.shape.join(',')}]`).join(' ');
    throw new Error(`feature distillation needs the same UNet layout in student and teacher: student blocks ${shapes(student)}, teacher ${shapes(teacher)}`);
  }
  return tf.addN(student.map((s, i) => mse(s, teacher[i])));
}
