import * as tf from '@tensorflow/tfjs';
import type { Module } from '../../nn/module';
import type { BlockVariables } from './block-variables';
import { recomputeBlock } from './recompute-block';

/** A resnet (x, temb) or a transformer (x, context) inside a UNet block. */
type Layer = Module & { forward(x: tf.Tensor4D, second: tf.Tensor | null): tf.Tensor4D };

/** The resnets and transformers directly inside a block: 'up_blocks.3.resnets.0', 'up_blocks.3.attentions.2'. */
function layersOf(root: Module, blockName: string): [string, Layer][] {
  const pattern = new RegExp(`^${blockName.replace('.', '\\.')}\\.(resnets|attentions)\\.\\d+$`);
  return [...root.namedModules()].filter(([path]) => pattern.test(path)) as [string, Layer][];
}

/**
 * Runs `run` (one block's forward) with each of the block's resnets and transformers
 * checkpointed on their own, for the duration of the call: each layer keeps only its inputs
 * for the backward pass, which runs the layer again. Layers whose input map has fewer than
 * `fromPixels` positions run plainly (their activations stay on the tape): at SD 1.5's two
 * lowest levels they are small, and recomputing them costs time for no memory that matters.
 *
 * The layers' `forward` is shadowed by an own property and restored afterwards; the layer
 * ops keep the class method, so their later recompute is the plain layer.
 */
export function withLayerRecompute<T>(root: Module, blockName: string, variablesFor: BlockVariables, run: () => T, fromPixels = 0): T {
  const layers = layersOf(root, blockName);
  for (const [path, layer] of layers) {
    const original = layer.forward.bind(layer);
    const variables = variablesFor(path);
    const checkpointed = (x: tf.Tensor4D, second: tf.Tensor | null): tf.Tensor4D => {
      if (x.shape[1] * x.shape[2] < fromPixels) return original(x, second);
      const inputs = second ? [x, second] : [x];
      const plain = ([h, s]: tf.Tensor[]) => [original(h as tf.Tensor4D, s ?? null)];
      return recomputeBlock(path, plain, inputs, variables)[0] as tf.Tensor4D;
    };
    Object.assign(layer, { forward: checkpointed });
  }
  try {
    return run();
  } finally {
    for (const [, layer] of layers) Reflect.deleteProperty(layer, 'forward');
  }
}
