import * as tf from '@tensorflow/tfjs';
import { splitAdapterLayerKey, type Adapter } from '../../adapters/adapter';

/** The trainable variables a block reads, by the block's module path ('down_blocks.1', 'mid_block'). */
export type BlockVariables = (blockPath: string) => tf.Variable[];

/**
 * The adapters' trainable tensors on UNet layers inside each block, found from the layer keys
 * ('unet:down_blocks.1.attentions.0...' lies in 'down_blocks.1'). A block is then given only
 * its own variables, so its backward pass makes no zero gradients for the rest.
 */
export function adapterBlockVariables(adapters: readonly Adapter[]): BlockVariables {
  return (blockPath) =>
    adapters.flatMap((adapter) =>
      [...adapter.layers]
        .filter(([key]) => {
          const { component, modulePath } = splitAdapterLayerKey(key);
          return component === 'unet' && modulePath.startsWith(`${blockPath}.`);
        })
        .flatMap(([, state]) => [state.down, state.up, state.router, state.gamma])
        .filter((t): t is tf.Variable => t instanceof tf.Variable && t.trainable),
    );
}

/** Every trainable variable the engine knows: correct for any model, at the cost of zero gradients for the unreached. */
export const allTrainableVariables: BlockVariables = () => Object.values(tf.engine().registeredVariables).filter((v) => v.trainable);
