import type * as tf from '@tensorflow/tfjs';
import type { ClipTextModel } from '../../models/clip';
import type { UNet2DConditionModel } from '../../models/unet';
import type { SeededGenerator } from '../../random';
import type { SchedulerConfig } from '../../schedulers';
import type { ClipTokenizer } from '../../tokenizer';

/**
 * The contract between the trainer and a training objective (spec section 7): fine-tune,
 * DreamBooth and distillation each implement `Objective`; the trainer owns the loop,
 * the optimizer, checkpoints and events, and calls `loss` inside its gradient scope.
 */

/** One micro-batch as the data side hands it over. */
export interface TrainingBatch {
  /** Clean latents, already multiplied by the VAE's scaling factor: (B, h, w, C), NHWC. */
  latents: tf.Tensor4D;
  /** The student's caption per sample, after augmentation (trigger word, dropout, shuffle). */
  captions: string[];
  /** Distillation with different text encoders: the teacher's prompt per sample (paired prompt file). */
  teacherCaptions?: string[];
  /** DreamBooth: true where the sample is a class-prior image. */
  prior?: boolean[];
}

/** The frozen model parts and shared randomness a loss needs. */
export interface StepContext {
  /** The student: base UNet with the trainable adapter attached. */
  unet: UNet2DConditionModel;
  textEncoder: ClipTextModel;
  tokenizer: ClipTokenizer;
  schedule: SchedulerConfig;
  /** alphas_cumprod of `schedule` (float32, [num_train_timesteps]); owned by the trainer. */
  alphasCumprod: tf.Tensor1D;
  /** Timestep and noise draws: seeded, saved in checkpoints so a resumed run draws the same. */
  rng: SeededGenerator;
  /**
   * The UNet forward the objective must use: it applies gradient checkpointing per block when
   * the run enables it, and returns block outputs when asked (feature distillation).
   */
  unetForward: UNetForward;
}

export type UNetForward = (
  unet: UNet2DConditionModel,
  sample: tf.Tensor4D,
  timesteps: tf.Tensor1D,
  context: tf.Tensor3D,
  withBlocks: boolean,
) => { sample: tf.Tensor4D; blocks?: tf.Tensor4D[] };

/** A scalar loss and its named terms (for the training monitor: task, out-KD, feat-KD, prior ...). */
export interface LossTerms {
  total: tf.Scalar;
  terms: Record<string, tf.Scalar>;
}

export interface Objective {
  readonly kind: 'finetune' | 'dreambooth' | 'distill';
  /** The loss of one micro-batch. Runs inside the trainer's gradient scope: tf ops only, no data reads. */
  loss(batch: TrainingBatch, ctx: StepContext): LossTerms;
  /** Frees what the objective holds (a teacher model, cached embeddings). */
  dispose(): void;
}
