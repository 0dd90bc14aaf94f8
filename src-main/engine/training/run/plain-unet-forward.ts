import type { UNetForward } from '../objectives/objective';

/**
 * The UNet forward without gradient checkpointing: every activation stays on the tape until
 * the backward pass. Block outputs come in down, mid, up order when asked.
 */
export const plainUNetForward: UNetForward = (unet, sample, timesteps, context, withBlocks) => {
  if (!withBlocks) return { sample: unet.forward(sample, timesteps, context) };
  const out = unet.forward(sample, timesteps, context, { returnBlockOutputs: true });
  return { sample: out.sample, blocks: [...out.blocks.down, out.blocks.mid, ...out.blocks.up] };
};
