import { ruleMapper, type KeyMapper, type PrefixRule } from './key-map';

/** The parts of a diffusers AutoencoderKL config that decide where each original block goes. */
export interface VaeStructure {
  block_out_channels: readonly number[];
  layers_per_block: number;
}

const RESNET_MODULES = { norm1: 'norm1', conv1: 'conv1', norm2: 'norm2', conv2: 'conv2', nin_shortcut: 'conv_shortcut' } as const;

// The original mid attention is built from 1x1 convs; diffusers uses linears (see squeeze1x1).
const ATTENTION_MODULES = { norm: 'group_norm', q: 'to_q', k: 'to_k', v: 'to_v', proj_out: 'to_out.0' } as const;

/**
 * Original (LDM `autoencoder`) VAE keys -> diffusers AutoencoderKL keys. The decoder's `up`
 * list is indexed from the highest resolution while diffusers' `up_blocks` run from the
 * lowest, so decoder levels are reversed; the decoder has one resnet more per level.
 */
export function ldmVaeKeyMapper(s: VaeStructure): KeyMapper {
  const levels = s.block_out_channels.length;
  const rules: PrefixRule[] = [
    { from: 'quant_conv.', to: 'quant_conv.' },
    { from: 'post_quant_conv.', to: 'post_quant_conv.' },
  ];
  for (const coder of ['encoder', 'decoder'] as const) {
    rules.push(
      { from: `${coder}.conv_in.`, to: `${coder}.conv_in.` },
      { from: `${coder}.conv_out.`, to: `${coder}.conv_out.` },
      { from: `${coder}.norm_out.`, to: `${coder}.conv_norm_out.` },
      { from: `${coder}.mid.block_1.`, to: `${coder}.mid_block.resnets.0.`, modules: RESNET_MODULES },
      { from: `${coder}.mid.block_2.`, to: `${coder}.mid_block.resnets.1.`, modules: RESNET_MODULES },
      { from: `${coder}.mid.attn_1.`, to: `${coder}.mid_block.attentions.0.`, modules: ATTENTION_MODULES, squeeze1x1: true },
    );
  }
  for (let level = 0; level < levels; level++) {
    const down = `encoder.down_blocks.${level}.`;
    for (let layer = 0; layer < s.layers_per_block; layer++) {
      rules.push({ from: `encoder.down.${level}.block.${layer}.`, to: `${down}resnets.${layer}.`, modules: RESNET_MODULES });
    }
    if (level < levels - 1) rules.push({ from: `encoder.down.${level}.downsample.`, to: `${down}downsamplers.0.`, modules: { conv: 'conv' } });

    const up = `decoder.up_blocks.${levels - 1 - level}.`;
    for (let layer = 0; layer <= s.layers_per_block; layer++) {
      rules.push({ from: `decoder.up.${level}.block.${layer}.`, to: `${up}resnets.${layer}.`, modules: RESNET_MODULES });
    }
    if (level > 0) rules.push({ from: `decoder.up.${level}.upsample.`, to: `${up}upsamplers.0.`, modules: { conv: 'conv' } });
  }
  return ruleMapper(rules);
}
