import * as tf from '@tensorflow/tfjs';
import type { Adapter } from '../../../../src-main/engine/adapters/adapter';
import type { UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import type { UNetForward } from '../../../../src-main/engine/training/objectives/objective';

/** The adapter's trainable tensors in a fixed order. */
export function adapterVariables(adapter: Adapter): tf.Variable[] {
  return [...adapter.layers.values()].flatMap((s) => [s.down, s.up, s.router, s.gamma]).filter((t): t is tf.Variable => t instanceof tf.Variable);
}

// A type alias (not an interface) so tf.tidy/tf.dispose accept it.
export type StepInputs = {
  sample: tf.Tensor4D;
  timesteps: tf.Tensor1D;
  context: tf.Tensor3D;
  target: tf.Tensor4D;
};

/** Seeded random step inputs: latents and target (B, size, size, 4), text states (B, tokens, width). */
export function randomStepInputs(timesteps: number[], size: number, tokens: number, width: number, seed: number): StepInputs {
  const batch = timesteps.length;
  return tf.tidy(() => ({
    sample: tf.randomNormal([batch, size, size, 4], 0, 1, 'float32', seed) as tf.Tensor4D,
    timesteps: tf.tensor1d(timesteps, 'int32'),
    context: tf.randomNormal([batch, tokens, width], 0, 1, 'float32', seed + 1) as tf.Tensor3D,
    target: tf.randomNormal([batch, size, size, 4], 0, 1, 'float32', seed + 2) as tf.Tensor4D,
  }));
}

/**
 * A training-like loss through `forward`: the output's squared error plus a small term on
 * every block output, so gradients also enter the UNet at each block (as feature
 * distillation's do).
 */
export function stepLoss(forward: UNetForward, unet: UNet2DConditionModel, x: StepInputs): tf.Scalar {
  const { sample, blocks = [] } = forward(unet, x.sample, x.timesteps, x.context, true);
  const features = blocks.map((b) => tf.mean(tf.square(b)));
  return tf.add(tf.mean(tf.square(tf.sub(sample, x.target))), tf.mul(tf.addN(features), 0.1)) as tf.Scalar;
}

/** Gradients of stepLoss for `vars`, and the loss, read back. */
export function gradientsOf(forward: UNetForward, unet: UNet2DConditionModel, x: StepInputs, vars: tf.Variable[]): { loss: number; grads: Float32Array[] } {
  const { value, grads } = tf.variableGrads(() => stepLoss(forward, unet, x), vars);
  const out = { loss: value.dataSync()[0], grads: vars.map((v) => grads[v.name].dataSync() as Float32Array) };
  tf.dispose([value, grads]);
  return out;
}
