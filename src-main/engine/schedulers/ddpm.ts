import * as tf from '@tensorflow/tfjs';
import { resolveConfig, type SchedulerConfig } from './config';
import { alphasCumprod } from './noise-schedule';
import { predictX0AndEps } from './prediction';
import type { Scheduler, StepOptions, StepOutput } from './scheduler';
import { stepNoise } from './step-noise';
import { spacedTimesteps } from './timestep-spacing';

/**
 * DDPM ancestral sampling (Ho et al. 2020), over a subset of timesteps, with the "fixed
 * small" posterior variance. Notation: alphā_t = alphas_cumprod[t], t' the next timestep of
 * the schedule (alphā_t' = 1 after the last), alpha_t = alphā_t / alphā_t', beta_t = 1 - alpha_t.
 */
export class DDPMScheduler implements Scheduler {
  readonly config: SchedulerConfig;
  readonly initNoiseSigma = 1;
  timesteps: number[] = [];
  private readonly alphasCumprod: Float32Array;

  constructor(config: Partial<SchedulerConfig> = {}) {
    this.config = resolveConfig(config);
    this.alphasCumprod = alphasCumprod(this.config);
  }

  setTimesteps(numInferenceSteps: number): void {
    const c = this.config;
    this.timesteps = spacedTimesteps(c.timestep_spacing, c.num_train_timesteps, numInferenceSteps, c.steps_offset);
  }

  scaleModelInput(sample: tf.Tensor): tf.Tensor {
    return tf.clone(sample);
  }

  /** Single-step: nothing is kept between steps. */
  dispose(): void {}

  step(modelOutput: tf.Tensor, timestep: number, sample: tf.Tensor, options?: StepOptions): StepOutput {
    const index = this.timesteps.indexOf(timestep);
    if (index < 0) throw new Error(`DDPM: timestep ${timestep} is not in this schedule`);
    // 1. alphā_t, alphā_t', and the one-step alpha_t, beta_t between them
    const prevTimestep = index + 1 < this.timesteps.length ? this.timesteps[index + 1] : -1;
    const alphaProd = this.alphasCumprod[timestep];
    const alphaProdPrev = prevTimestep >= 0 ? this.alphasCumprod[prevTimestep] : 1;
    const alpha = alphaProd / alphaProdPrev;
    const beta = 1 - alpha;
    // 3. posterior mean coefficients (eq. 7): sqrt(alphā_t') beta_t / (1 - alphā_t) and sqrt(alpha_t) (1 - alphā_t') / (1 - alphā_t)
    const x0Coefficient = (Math.sqrt(alphaProdPrev) * beta) / (1 - alphaProd);
    const sampleCoefficient = (Math.sqrt(alpha) * (1 - alphaProdPrev)) / (1 - alphaProd);
    // 4. posterior variance (1 - alphā_t') / (1 - alphā_t) beta_t, floored as diffusers does
    const variance = Math.max(((1 - alphaProdPrev) / (1 - alphaProd)) * beta, 1e-20);
    return tf.tidy(() => {
      // 2. predicted x_0
      const { x0 } = predictX0AndEps(this.config.prediction_type, modelOutput, sample, Math.sqrt(alphaProd), Math.sqrt(1 - alphaProd));
      // 5. x_t' = mean + sqrt(variance) z, no noise at t = 0
      let prev = tf.add(tf.mul(x0, x0Coefficient), tf.mul(sample, sampleCoefficient));
      if (timestep > 0) prev = tf.add(prev, tf.mul(stepNoise(sample.shape, options, 'DDPM'), Math.sqrt(variance)));
      return { prevSample: prev, predOriginalSample: x0 };
    });
  }
}
