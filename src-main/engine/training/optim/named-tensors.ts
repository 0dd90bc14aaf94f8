import type * as tf from '@tensorflow/tfjs';

/** Trainable parameters by stable name (the names checkpoints store; not tf's variable names). */
export type NamedVariables = Readonly<Record<string, tf.Variable>>;

/** Tensors by parameter name: gradients, optimizer moments. */
export type NamedTensors = Record<string, tf.Tensor>;

/** Disposes every tensor of a map (the map itself is left as is). */
export function disposeNamed(tensors: Readonly<Record<string, tf.Tensor>>): void {
  for (const tensor of Object.values(tensors)) tensor.dispose();
}
