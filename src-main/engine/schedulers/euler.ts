import * as tf from '@tensorflow/tfjs';
import { EulerBase } from './euler-base';
import { predictX0FromSigma } from './prediction';
import type { StepOutput } from './scheduler';

/**
 * Euler's method on the probability-flow ODE (Karras et al. 2022, algorithm 2 without churn).
 * Notation: sigma_i the noise level of step i, x the sample, d_i = dx/dsigma at sigma_i.
 */
export class EulerScheduler extends EulerBase {
  protected stepFrom(sigma: number, sigmaNext: number, modelOutput: tf.Tensor, sample: tf.Tensor): StepOutput {
    // 1. x_0 estimate from the model output
    const x0 = predictX0FromSigma(this.config.prediction_type, modelOutput, sample, sigma);
    // 2. d_i = (x - x_0) / sigma_i
    const derivative = tf.div(tf.sub(sample, x0), sigma);
    // 3. x_{i+1} = x + d_i (sigma_{i+1} - sigma_i)
    return { prevSample: tf.add(sample, tf.mul(derivative, sigmaNext - sigma)), predOriginalSample: x0 };
  }
}
