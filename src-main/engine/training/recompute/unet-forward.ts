import type * as tf from '@tensorflow/tfjs';
import type { BlockCaller, BlockFunction, UNet2DConditionModel, UNetOutput } from '../../models/unet';
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
   * 'block' (default): one checkpoint per down/mid/up block. 'layer': also one per resnet and
   * transformer inside each block (nested), which bounds memory by one layer's activations
   * for about one more forward pass of compute: what SD 1.5 at 64x64 needs on wasm's 4 GiB heap.
   */
  granularity?: 'block' | 'layer';
}

/**
 * A UNet forward with gradient checkpointing per down/mid/up block: the backward pass
 * recomputes each block instead of keeping its activations, so training holds the block
 * boundaries plus one block's activations at a time, for about one more forward pass of compute.
 */
export function recomputingUNetForward(options: RecomputeOptions = {}): UNetForward {
  const variablesFor = options.variablesFor ?? allTrainableVariables;
  if (options.granularity !== 'layer') return forwardWith((name, block, inputs) => recomputeBlock(name, block, inputs, variablesFor(name)));
  return (unet, ...rest) => {
    const nested = (name: string, block: BlockFunction): BlockFunction => (inputs) => withLayerRecompute(unet, name, variablesFor, () => block(inputs));
    return forwardWith((name, block, inputs) => recomputeBlock(name, nested(name, block), inputs, variablesFor(name)))(unet, ...rest);
  };
}
