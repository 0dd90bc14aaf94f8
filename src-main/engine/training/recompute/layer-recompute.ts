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
 * checkpointed on their own, for the duration of the call. Why: recomputing a whole block
 * under the tape keeps all of its activations, and the backward pass all their gradients, at
 * once; SD 1.5's up_blocks.3 at 64x64 needs more than wasm's 4 GiB that way. Nested, the
 * block's recompute keeps only its layers' inputs, and each layer is recomputed alone.
 *
 * The layers' `forward` is shadowed by an own property and restored afterwards; the layer
 * ops keep the class method, so their later recompute is the plain layer.
 */
export function withLayerRecompute<T>(root: Module, blockName: string, variablesFor: BlockVariables, run: () => T): T {
  const layers = layersOf(root, blockName);
  for (const [path, layer] of layers) {
    const original = layer.forward.bind(layer);
    const variables = variablesFor(path);
    const checkpointed = (x: tf.Tensor4D, second: tf.Tensor | null): tf.Tensor4D => {
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
