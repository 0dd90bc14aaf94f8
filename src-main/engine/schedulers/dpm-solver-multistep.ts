import * as tf from '@tensorflow/tfjs';
import { resolveConfig, type SchedulerConfig } from './config';
import { alphaSigmaFromSigma } from './noise-schedule';
import { predictX0AndEps } from './prediction';
import type { Scheduler, StepOutput } from './scheduler';
import { karrasSchedule, sigmasAtTimesteps, trainingSigmas, withFinalZero, type TrainingSigmas } from './sigma-schedule';
import { StepCounter } from './step-index';
import { roundHalfEven } from './numpy-compat';
import { spacedTimesteps } from './timestep-spacing';

/**
 * DPM-Solver++(2M) (Lu et al. 2022, "DPM-Solver++", algorithm 2), data prediction, midpoint
 * form, first order on the first and the last step. With use_karras_sigmas it is
 * "DPM++ 2M Karras". Notation: sigma_i the VE noise level of step i, (alpha_i, sigma_i) its VP
 * pair, lambda_i = log(alpha_i / sigma_i) (half log-SNR), h_i = lambda_{i+1} - lambda_i,
 * D the x_0 predictions. The sample stays VP, so the model input is not scaled.
 */
export class DPMSolverMultistepScheduler implements Scheduler {
  readonly config: SchedulerConfig;
  readonly initNoiseSigma = 1;
  timesteps: number[] = [];
  sigmas: Float32Array = new Float32Array(0);
  private readonly grid: TrainingSigmas;
  private readonly counter = new StepCounter();
  /** x_0 prediction of the previous step (the multistep history), kept across steps. */
  private previousX0: tf.Tensor | undefined;

  constructor(config: Partial<SchedulerConfig> = {}) {
    this.config = resolveConfig(config);
    this.grid = trainingSigmas(this.config);
  }

  setTimesteps(numInferenceSteps: number): void {
    const c = this.config;
    const n = numInferenceSteps;
    const T = c.num_train_timesteps;
    if (c.use_karras_sigmas) {
      // Karras spacing over the whole training range, timesteps rounded to the grid.
      const karras = karrasSchedule(this.grid, [this.grid.sigmas[T - 1], this.grid.sigmas[0]], n);
      this.timesteps = karras.timesteps.map(roundHalfEven);
      this.sigmas = withFinalZero(karras.sigmas);
    } else {
      // leading / linspace: n + 1 points, the lowest dropped; trailing: n points.
      const grid = spacedTimesteps(c.timestep_spacing, T, c.timestep_spacing === 'trailing' ? n : n + 1, c.steps_offset);
      this.timesteps = grid.slice(0, n);
      this.sigmas = withFinalZero(sigmasAtTimesteps(this.grid, this.timesteps));
    }
    this.counter.reset();
    this.forgetHistory();
  }

  scaleModelInput(sample: tf.Tensor): tf.Tensor {
    return tf.clone(sample);
  }

  step(modelOutput: tf.Tensor, timestep: number, sample: tf.Tensor): StepOutput {
    const i = this.counter.current(this.timesteps, timestep);
    const last = i === this.timesteps.length - 1;
    const s0 = alphaSigmaFromSigma(this.sigmas[i]);
    const t = alphaSigmaFromSigma(this.sigmas[i + 1]);
    const lambda = (p: { alpha: number; sigma: number }) => Math.log(p.alpha) - Math.log(p.sigma);
    // h_i = lambda_{i+1} - lambda_i; infinite on the final step to sigma = 0, where x_{i+1} = D_i.
    const h = lambda(t) - lambda(s0);
    const previous = this.previousX0;
    const out = tf.tidy(() => {
      // 1. D_i: the model's x_0 estimate at sigma_i
      const x0 = predictX0AndEps(this.config.prediction_type, modelOutput, sample, s0.alpha, s0.sigma).x0;
      // 2. first-order part: x_{i+1} = (sigma_{i+1} / sigma_i) x_i - alpha_{i+1} (e^{-h} - 1) D
      const phi = t.alpha * (Math.exp(-h) - 1);
      let derivativeTerm: tf.Tensor = x0;
      if (previous && !last) {
        // 3. second order: D = D_i + (1 / 2r) (D_i - D_{i-1}), r = h_{i-1} / h_i
        const s1 = alphaSigmaFromSigma(this.sigmas[i - 1]);
        const r = (lambda(s0) - lambda(s1)) / h;
        derivativeTerm = tf.add(x0, tf.mul(tf.sub(x0, previous), 0.5 / r));
      }
      const prev = tf.sub(tf.mul(sample, t.sigma / s0.sigma), tf.mul(derivativeTerm, phi));
      return { prevSample: prev, predOriginalSample: x0 };
    });
    this.forgetHistory();
    this.previousX0 = tf.keep(out.predOriginalSample.clone());
    this.counter.advance();
    return out;
  }

  dispose(): void {
    this.forgetHistory();
  }

  private forgetHistory(): void {
    this.previousX0?.dispose();
    this.previousX0 = undefined;
  }
}
