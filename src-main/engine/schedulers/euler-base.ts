import * as tf from '@tensorflow/tfjs';
import { resolveConfig, type SchedulerConfig } from './config';
import type { Scheduler, StepOptions, StepOutput } from './scheduler';
import { karrasSchedule, sigmasAtTimesteps, trainingSigmas, withFinalZero, type TrainingSigmas } from './sigma-schedule';
import { StepCounter } from './step-index';
import { spacedTimesteps } from './timestep-spacing';

/**
 * What the Euler samplers share: the schedule (timesteps by spacing, sigma at each by
 * interpolation or Karras-spaced between the same ends, then a final 0), the initial noise
 * scale (sigma_max, or sqrt(sigma_max² + 1) for leading spacing, as diffusers has it),
 * the model-input scaling, and the step index. Samples are variance-exploding: x = x_0 + sigma eps.
 */
export abstract class EulerBase implements Scheduler {
  readonly config: SchedulerConfig;
  timesteps: number[] = [];
  sigmas: Float32Array = new Float32Array(0);
  initNoiseSigma = 1;
  protected readonly counter = new StepCounter();
  private readonly grid: TrainingSigmas;

  constructor(config: Partial<SchedulerConfig> = {}) {
    this.config = resolveConfig(config);
    this.grid = trainingSigmas(this.config);
  }

  setTimesteps(numInferenceSteps: number): void {
    const c = this.config;
    let timesteps = spacedTimesteps(c.timestep_spacing, c.num_train_timesteps, numInferenceSteps, c.steps_offset, false).map(Math.fround);
    let sigmas = sigmasAtTimesteps(this.grid, timesteps);
    if (c.use_karras_sigmas) {
      const karras = karrasSchedule(this.grid, sigmas, numInferenceSteps);
      sigmas = karras.sigmas;
      timesteps = karras.timesteps.map(Math.fround);
    }
    this.timesteps = timesteps;
    this.sigmas = withFinalZero(sigmas);
    const max = Math.max(...this.sigmas);
    this.initNoiseSigma = c.timestep_spacing === 'leading' ? Math.fround(Math.sqrt(max * max + 1)) : max;
    this.counter.reset();
  }

  /** The model sees the VP sample x / sqrt(sigma² + 1). */
  scaleModelInput(sample: tf.Tensor, timestep: number): tf.Tensor {
    const sigma = this.sigmas[this.counter.current(this.timesteps, timestep)];
    return tf.tidy(() => tf.div(sample, Math.sqrt(sigma * sigma + 1)));
  }

  /** Single-step: nothing is kept between steps. */
  dispose(): void {}

  step(modelOutput: tf.Tensor, timestep: number, sample: tf.Tensor, options?: StepOptions): StepOutput {
    const i = this.counter.current(this.timesteps, timestep);
    const out = tf.tidy(() => this.stepFrom(this.sigmas[i], this.sigmas[i + 1], modelOutput, sample, options));
    this.counter.advance();
    return out;
  }

  /** One step from noise level `sigma` to `sigmaNext` (inside a tf.tidy). */
  protected abstract stepFrom(sigma: number, sigmaNext: number, modelOutput: tf.Tensor, sample: tf.Tensor, options?: StepOptions): StepOutput;
}
