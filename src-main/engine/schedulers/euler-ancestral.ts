import * as tf from '@tensorflow/tfjs';
import { EulerBase } from './euler-base';
import { predictX0FromSigma } from './prediction';
import type { StepOptions, StepOutput } from './scheduler';
import { stepNoise } from './step-noise';

/**
 * Euler ancestral (k-diffusion's sample_euler_ancestral): an Euler step down to sigma_down,
 * then fresh noise of scale sigma_up, with sigma_down² + sigma_up² = sigma_{i+1}².
 * Draws noise on every step, the last included (where sigma_up = 0), as diffusers does.
 */
export class EulerAncestralScheduler extends EulerBase {
  protected stepFrom(sigma: number, sigmaNext: number, modelOutput: tf.Tensor, sample: tf.Tensor, options?: StepOptions): StepOutput {
    // 1. split sigma_{i+1} into the part reached deterministically and fresh noise
    const sigmaUp = Math.sqrt((sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext)) / (sigma * sigma));
    const sigmaDown = Math.sqrt(Math.max(sigmaNext * sigmaNext - sigmaUp * sigmaUp, 0));
    // 2. x_0 estimate and d_i = (x - x_0) / sigma_i
    const x0 = predictX0FromSigma(this.config.prediction_type, modelOutput, sample, sigma);
    const derivative = tf.div(tf.sub(sample, x0), sigma);
    // 3. Euler step to sigma_down, then add sigma_up * noise
    const deterministic = tf.add(sample, tf.mul(derivative, sigmaDown - sigma));
    const noise = stepNoise(sample.shape, options, 'Euler ancestral');
    return { prevSample: tf.add(deterministic, tf.mul(noise, sigmaUp)), predOriginalSample: x0 };
  }
}
