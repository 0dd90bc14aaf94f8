import type * as tf from '@tensorflow/tfjs';
import type { NoiseSource } from '../random/seeded-generator';
import type { SchedulerConfig } from './config';

/** Where a stochastic step (ancestral, DDIM with eta > 0) takes its noise from. */
export interface StepOptions {
  /** Exactly this noise (shape of the sample), e.g. a recorded draw. Wins over `generator`. */
  noise?: tf.Tensor;
  /** Draws noise when a step needs it: the seeded generator, or a replay of recorded draws. */
  generator?: NoiseSource;
}

// A type alias (not an interface) so it is a tf.TensorContainer and can leave a tf.tidy.
export type StepOutput = {
  /** x_{t-1}: the sample to feed into the next step. */
  prevSample: tf.Tensor;
  /** The step's estimate of the clean sample x_0. */
  predOriginalSample: tf.Tensor;
};

/**
 * One sampler (diffusers "scheduler"). Usage:
 *   s.setTimesteps(n); x = noise * s.initNoiseSigma;
 *   for t of s.timesteps: eps = unet(s.scaleModelInput(x, t), t); x = s.step(eps, t, x).prevSample
 * Stateful samplers keep their history between steps and forget it in setTimesteps.
 * Returned tensors are new; the caller owns (and disposes) them.
 */
export interface Scheduler {
  readonly config: SchedulerConfig;
  /** The timesteps to visit, highest first; empty until setTimesteps. */
  readonly timesteps: readonly number[];
  /** Noise level per step plus the final one, for sigma-based samplers. */
  readonly sigmas?: Float32Array;
  /** Standard deviation of the initial latent noise. */
  readonly initNoiseSigma: number;
  setTimesteps(numInferenceSteps: number): void;
  scaleModelInput(sample: tf.Tensor, timestep: number): tf.Tensor;
  step(modelOutput: tf.Tensor, timestep: number, sample: tf.Tensor, options?: StepOptions): StepOutput;
  /** Frees the history a multistep sampler keeps between steps; setTimesteps starts it afresh. */
  dispose(): void;
}
