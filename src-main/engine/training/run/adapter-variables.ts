import * as tf from '@tensorflow/tfjs';
import type { Adapter, AdapterLayerState } from '../../adapters/adapter';
import type { NamedTensors, NamedVariables } from '../optim';

const PARTS = ['down', 'up', 'router', 'gamma'] as const satisfies readonly (keyof AdapterLayerState)[];

/**
 * The adapter's trainable tensors under stable names ('unet:<module path>.down', '.up',
 * '.router', '.gamma'): what the optimizer updates and checkpoints store. They must be the
 * tf.Variables createAdapter made; nothing else in the model is trained.
 */
export function adapterVariables(adapter: Adapter): NamedVariables {
  const named: Record<string, tf.Variable> = {};
  for (const [key, layer] of adapter.layers) {
    for (const part of PARTS) {
      const tensor = layer[part];
      if (tensor === undefined) continue;
      if (!(tensor instanceof tf.Variable) || !tensor.trainable) throw new Error(`adapter layer ${key}: '${part}' is not a trainable variable`);
      named[`${key}.${part}`] = tensor;
    }
  }
  return named;
}

/** Copies saved values into the variables; every variable must be saved, with its shape, and nothing more. */
export function restoreAdapterValues(variables: NamedVariables, saved: Readonly<NamedTensors>): void {
  const missing = Object.keys(variables).filter((name) => !(name in saved));
  const extra = Object.keys(saved).filter((name) => !(name in variables));
  if (missing.length > 0 || extra.length > 0) {
    const list = (names: string[]) => names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
    throw new Error(
      `the checkpoint's adapter does not match this run's adapter (${[missing.length ? `missing ${list(missing)}` : '', extra.length ? `unexpected ${list(extra)}` : ''].filter(Boolean).join('; ')})`,
    );
  }
  for (const [name, variable] of Object.entries(variables)) {
    if (!tf.util.arraysEqual(saved[name].shape, variable.shape)) {
      throw new Error(`the checkpoint's '${name}' has shape [${saved[name].shape}], this run's adapter [${variable.shape}]`);
    }
  }
  tf.tidy(() => {
    for (const [name, variable] of Object.entries(variables)) variable.assign(tf.cast(saved[name], 'float32'));
  });
}

/** Trainable values in all variables. */
export function countParameters(variables: NamedVariables): number {
  return Object.values(variables).reduce((sum, v) => sum + v.size, 0);
}
