import type * as tf from '@tensorflow/tfjs';
import type { StepOptions } from './scheduler';

/** The noise a stochastic step adds: the injected tensor, else a draw from the generator. */
export function stepNoise(shape: readonly number[], options: StepOptions | undefined, sampler: string): tf.Tensor {
  if (options?.noise) {
    if (options.noise.shape.join(',') !== shape.join(',')) {
      throw new Error(`${sampler}: injected noise has shape [${options.noise.shape}], the sample [${shape}]`);
    }
    return options.noise;
  }
  if (options?.generator) return options.generator.normalTensor(shape);
  throw new Error(`${sampler}: this step adds noise; pass a generator (or the noise) in its options`);
}
