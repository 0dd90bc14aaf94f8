import * as tf from '@tensorflow/tfjs';
import { resolveConfig, type SchedulerConfig } from './config';
import { alphasCumprod } from './noise-schedule';
import { predictX0AndEps } from './prediction';
import type { Scheduler, StepOutput } from './scheduler';
import { spacedTimesteps } from './timestep-spacing';

/** Linear multistep weights of the last 1..4 model outputs (newest first), Adams–Bashforth. */
const MULTISTEP_WEIGHTS = [[1], [3 / 2, -1 / 2], [23 / 12, -16 / 12, 5 / 12], [55 / 24, -59 / 24, 37 / 24, -9 / 24]];

/**
 * PLMS, the pseudo linear multistep method of PNDM (Liu et al. 2022) without its Runge–Kutta
 * warm-up (diffusers' skip_prk_steps, SD 1.5's default sampler). The first step is taken
 * twice: once with e_0, then again from the same x with (e_0 + e_1) / 2, which is why its
 * timestep appears twice. Notation: alphā_t = alphas_cumprod[t], t' = t - T/n, e the
 * combined noise estimate, phi the transfer of eq. 11.
 */
export class PNDMScheduler implements Scheduler {
  readonly config: SchedulerConfig;
  readonly initNoiseSigma = 1;
  timesteps: number[] = [];
  private readonly alphasCumprod: Float32Array;
  private readonly finalAlphaCumprod: number;
  private numInferenceSteps = 0;
  private counter = 0;
  /** Recent model outputs, oldest first (at most 4), kept across steps. */
  private history: tf.Tensor[] = [];
  /** The sample the first step started from, to retake that step. */
  private firstSample: tf.Tensor | undefined;

  constructor(config: Partial<SchedulerConfig> = {}) {
    this.config = resolveConfig(config);
    this.alphasCumprod = alphasCumprod(this.config);
    this.finalAlphaCumprod = this.config.set_alpha_to_one ? 1 : this.alphasCumprod[0];
  }

  setTimesteps(numInferenceSteps: number): void {
    const c = this.config;
    const spaced = spacedTimesteps(c.timestep_spacing, c.num_train_timesteps, numInferenceSteps, c.steps_offset);
    this.timesteps = spaced.length > 1 ? [spaced[0], spaced[1], ...spaced.slice(1)] : spaced;
    this.numInferenceSteps = numInferenceSteps;
    this.counter = 0;
    this.dispose();
  }

  dispose(): void {
    tf.dispose(this.history);
    this.history = [];
    this.firstSample?.dispose();
    this.firstSample = undefined;
  }

  scaleModelInput(sample: tf.Tensor): tf.Tensor {
    return tf.clone(sample);
  }

  step(modelOutput: tf.Tensor, timestep: number, sample: tf.Tensor): StepOutput {
    if (this.numInferenceSteps === 0) throw new Error('PNDM: call setTimesteps before step');
    const stride = Math.floor(this.config.num_train_timesteps / this.numInferenceSteps);
    const retake = this.counter === 1;
    // 1. the step runs from t to t' (the retaken first step runs from t + T/n to t again)
    const from = retake ? timestep + stride : timestep;
    const to = retake ? timestep : timestep - stride;
    if (!retake) this.remember(modelOutput);
    const start = retake ? this.firstSample : sample;
    if (!start) throw new Error('PNDM: the retaken first step has no starting sample');
    if (this.counter === 0) this.firstSample = tf.keep(sample.clone());
    // 2. alphā_t, alphā_t'
    const alphaProd = this.alphasCumprod[from];
    const alphaProdPrev = to >= 0 ? this.alphasCumprod[to] : this.finalAlphaCumprod;
    const history = this.history;
    const out = tf.tidy(() => {
      // 3. e: the multistep combination of the model outputs (or the first-step average)
      const combined = retake
        ? tf.div(tf.add(modelOutput, history[history.length - 1]), 2)
        : MULTISTEP_WEIGHTS[history.length - 1].reduce<tf.Tensor>(
            (acc, w, k) => tf.add(acc, tf.mul(history[history.length - 1 - k], w)),
            tf.zerosLike(modelOutput),
          );
      const { x0, eps } = predictX0AndEps(this.config.prediction_type, combined, start, Math.sqrt(alphaProd), Math.sqrt(1 - alphaProd));
      // 4. phi: x_t' = sqrt(alphā_t' / alphā_t) x_t
      //              - (alphā_t' - alphā_t) e / (alphā_t sqrt(1 - alphā_t') + sqrt(alphā_t (1 - alphā_t) alphā_t'))
      const denominator = alphaProd * Math.sqrt(1 - alphaProdPrev) + Math.sqrt(alphaProd * (1 - alphaProd) * alphaProdPrev);
      const prev = tf.sub(tf.mul(start, Math.sqrt(alphaProdPrev / alphaProd)), tf.mul(eps, (alphaProdPrev - alphaProd) / denominator));
      return { prevSample: prev, predOriginalSample: x0 };
    });
    if (retake) {
      this.firstSample?.dispose();
      this.firstSample = undefined;
    }
    this.counter++;
    return out;
  }

  /** Keeps the last four model outputs. */
  private remember(modelOutput: tf.Tensor): void {
    this.history.push(tf.keep(modelOutput.clone()));
    if (this.history.length > 4) this.history.shift()?.dispose();
  }
}
