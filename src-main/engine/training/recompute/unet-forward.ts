import type * as tf from '@tensorflow/tfjs';
import type { BlockCaller, UNet2DConditionModel, UNetOutput } from '../../models/unet';
import type { UNetForward } from '../objectives/objective';
import { allTrainableVariables, type BlockVariables } from './block-variables';
import { withLayerRecompute } from './layer-recompute';
import { recomputeBlock } from './recompute-block';

/** Block outputs in the order feature distillation pairs them: down blocks, mid, up blocks. */
export function flattenBlocks(output: UNetOutput): tf.Tensor4D[] {
  return [...output.blocks.down, output.blocks.mid, ...output.blocks.up];
}

function forwardWith(callBlock: BlockCaller | undefined): UNetForward {
  return (unet: UNet2DConditionModel, sample, timesteps, context, withBlocks) => {
    // Without returnBlockOutputs the forward returns the sample alone.
    if (!withBlocks) return { sample: unet.forward(sample, timesteps, context, { callBlock }) as tf.Tensor4D };
    const output = unet.forward(sample, timesteps, context, { returnBlockOutputs: true, callBlock });
    return { sample: output.sample, blocks: flattenBlocks(output) };
  };
}

/** The UNet forward as is: the engine's tape keeps every activation for the backward pass. */
export const plainUNetForward: UNetForward = forwardWith(undefined);

export interface RecomputeOptions {
  /**
   * The trainable variables each block reads (adapterBlockVariables(adapters) for adapter
   * training). Default: every trainable variable, which is always correct but gives every block
   * a gradient (zeros) for each. A block that reads a variable it was not given is an error.
   */
  variablesFor?: BlockVariables;
  /**
   * 'block' (default): one checkpoint per down/mid/up block. 'layer': one per resnet and
   * transformer instead (no block-level checkpoint), from maps of `layerFromPixels` positions up:
   * memory bounded by the layer inputs plus one layer's activations, for less than one more
   * forward pass of compute. What SD 1.5 at 64x64 needs on wasm's 4 GiB heap.
   */
  granularity?: 'block' | 'layer';
  /** With 'layer': layers on smaller maps keep their activations on the tape. Default 32x32. */
  layerFromPixels?: number;
}

/** SD 1.5's two lowest levels (16x16, 8x8 at 512 px) are cheap to keep and cheap enough to skip recomputing. */
export const DEFAULT_LAYER_FROM_PIXELS = 32 * 32;

/**
 * A UNet forward with gradient checkpointing per down/mid/up block (or per layer): the backward
 * pass recomputes each block instead of keeping its activations, so training holds the block
 * boundaries plus one block's activations at a time, for about one more forward pass of compute.
 */
export function recomputingUNetForward(options: RecomputeOptions = {}): UNetForward {
  const variablesFor = options.variablesFor ?? allTrainableVariables;
  if (options.granularity !== 'layer') return forwardWith((name, block, inputs) => recomputeBlock(name, block, inputs, variablesFor(name)));
  const fromPixels = options.layerFromPixels ?? DEFAULT_LAYER_FROM_PIXELS;
  return (unet, ...rest) => forwardWith((name, block, inputs) => withLayerRecompute(unet, name, variablesFor, () => block(inputs), fromPixels))(unet, ...rest);
}
