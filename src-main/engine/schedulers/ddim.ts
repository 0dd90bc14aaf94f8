import * as tf from '@tensorflow/tfjs';
import { resolveConfig, type SchedulerConfig } from './config';
import { alphasCumprod } from './noise-schedule';
import { predictX0AndEps } from './prediction';
import type { Scheduler, StepOptions, StepOutput } from './scheduler';
import { stepNoise } from './step-noise';
import { spacedTimesteps } from './timestep-spacing';

export interface DDIMOptions {
  /** 0: deterministic DDIM; 1: DDPM-like ancestral noise (Song et al. 2021, eq. 16). */
  eta?: number;
}

/**
 * DDIM (Song, Meng & Ermon 2021). Notation: alphā_t = alphas_cumprod[t] (the paper's alpha_t),
 * t' = t - T/n the previous timestep, eps the predicted noise.
 */
export class DDIMScheduler implements Scheduler {
  readonly config: SchedulerConfig;
  readonly eta: number;
  readonly initNoiseSigma = 1;
  timesteps: number[] = [];
  private readonly alphasCumprod: Float32Array;
  private readonly finalAlphaCumprod: number;
  private numInferenceSteps = 0;

  constructor(config: Partial<SchedulerConfig> = {}, options: DDIMOptions = {}) {
    this.config = resolveConfig(config);
    this.eta = options.eta ?? 0;
    this.alphasCumprod = alphasCumprod(this.config);
    this.finalAlphaCumprod = this.config.set_alpha_to_one ? 1 : this.alphasCumprod[0];
  }

  setTimesteps(numInferenceSteps: number): void {
    const c = this.config;
    this.numInferenceSteps = numInferenceSteps;
    this.timesteps = spacedTimesteps(c.timestep_spacing, c.num_train_timesteps, numInferenceSteps, c.steps_offset);
  }

  scaleModelInput(sample: tf.Tensor): tf.Tensor {
    return tf.clone(sample);
  }

  /** Single-step: nothing is kept between steps. */
  dispose(): void {}

  step(modelOutput: tf.Tensor, timestep: number, sample: tf.Tensor, options?: StepOptions): StepOutput {
    if (this.numInferenceSteps === 0) throw new Error('DDIM: call setTimesteps before step');
    if (!Number.isInteger(timestep) || timestep < 0 || timestep >= this.alphasCumprod.length) {
      throw new Error(`DDIM: timestep ${timestep} is not on the training grid`);
    }
    // 1. previous timestep t' = t - T/n
    const prevTimestep = timestep - Math.floor(this.config.num_train_timesteps / this.numInferenceSteps);
    // 2. alphā_t, alphā_t', 1 - alphā_t
    const alphaProd = this.alphasCumprod[timestep];
    const alphaProdPrev = prevTimestep >= 0 ? this.alphasCumprod[prevTimestep] : this.finalAlphaCumprod;
    const betaProd = 1 - alphaProd;
    const betaProdPrev = 1 - alphaProdPrev;
    // 3.-4. sigma_t(eta) = eta sqrt((1 - alphā_t') / (1 - alphā_t)) sqrt(1 - alphā_t / alphā_t')   (eq. 16)
    const variance = (betaProdPrev / betaProd) * (1 - alphaProd / alphaProdPrev);
    const stdDev = this.eta * Math.sqrt(variance);
    return tf.tidy(() => {
      // 5. "predicted x_0" and the noise it implies (eq. 12)
      const { x0, eps } = predictX0AndEps(this.config.prediction_type, modelOutput, sample, Math.sqrt(alphaProd), Math.sqrt(betaProd));
      // 6. "direction pointing to x_t": sqrt(1 - alphā_t' - sigma_t²) eps
      const direction = tf.mul(eps, Math.sqrt(1 - alphaProdPrev - stdDev * stdDev));
      // 7. x_t' = sqrt(alphā_t') x_0 + direction + sigma_t noise
      let prev = tf.add(tf.mul(x0, Math.sqrt(alphaProdPrev)), direction);
      if (this.eta > 0) prev = tf.add(prev, tf.mul(stepNoise(sample.shape, options, 'DDIM'), stdDev));
      return { prevSample: prev, predOriginalSample: x0 };
    });
  }
}
