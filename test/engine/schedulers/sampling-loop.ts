import * as tf from '@tensorflow/tfjs';
import type { Scheduler, StepOptions } from '../../../src-main/engine/schedulers/scheduler';

/** A small deterministic stand-in for the UNet: eps(x, t) = 0.1 x + 0.05 sin(t / 100). */
export function toyModel(x: tf.Tensor, t: number): tf.Tensor {
  return tf.tidy(() => tf.add(tf.mul(x, 0.1), 0.05 * Math.sin(t / 100)));
}

/** Runs a full sampling loop from `noise` and returns the final latent's values. */
export function sample(
  s: Scheduler,
  steps: number,
  noise: tf.Tensor,
  options: StepOptions = {},
  model: (x: tf.Tensor, t: number) => tf.Tensor = toyModel,
  onStep?: () => void,
): Float32Array {
  s.setTimesteps(steps);
  let x = tf.mul(noise, s.initNoiseSigma);
  for (const t of s.timesteps) {
    const input = s.scaleModelInput(x, t);
    const eps = model(input, t);
    const out = s.step(eps, t, x, options);
    tf.dispose([x, input, eps, out.predOriginalSample]);
    x = out.prevSample;
    onStep?.();
  }
  const values = x.dataSync() as Float32Array;
  x.dispose();
  return Float32Array.from(values);
}
