import { ruleMapper, type KeyMapper, type PrefixRule } from './key-map';

/** The parts of a diffusers UNet config that decide where each original block goes. */
export interface UnetStructure {
  block_out_channels: readonly number[];
  /** One count for every level, or one per level (highest resolution first). */
  layers_per_block: number | readonly number[];
  down_block_types: readonly string[];
  up_block_types: readonly string[];
  mid_block_type?: string | null;
}

// The original ResBlock numbers its layers inside nn.Sequential; diffusers names them.
const RESNET_MODULES = {
  'in_layers.0': 'norm1',
  'in_layers.2': 'conv1',
  'emb_layers.1': 'time_emb_proj',
  'out_layers.0': 'norm2',
  'out_layers.3': 'conv2',
  skip_connection: 'conv_shortcut',
} as const;

const hasAttention = (blockType: string) => blockType.includes('Attn');

function layersAt(s: UnetStructure, level: number): number {
  return typeof s.layers_per_block === 'number' ? s.layers_per_block : s.layers_per_block[level];
}

/**
 * Original (LDM `openaimodel`) UNet keys -> diffusers UNet2DConditionModel keys.
 *
 * The original keeps flat lists: `input_blocks` holds conv_in, then per level its
 * `layers_per_block` (resnet[, attention]) entries and a downsampler except at the last level;
 * `output_blocks` holds, lowest resolution first, `layers + 1` (resnet[, attention][, upsampler])
 * entries per level. Walking those lists with the config gives every block's diffusers name.
 */
export function ldmUnetKeyMapper(s: UnetStructure): KeyMapper {
  return ruleMapper([
    { from: 'time_embed.0.', to: 'time_embedding.linear_1.' },
    { from: 'time_embed.2.', to: 'time_embedding.linear_2.' },
    { from: 'label_emb.0.0.', to: 'class_embedding.linear_1.' },
    { from: 'label_emb.0.2.', to: 'class_embedding.linear_2.' },
    { from: 'input_blocks.0.0.', to: 'conv_in.' },
    { from: 'out.0.', to: 'conv_norm_out.' },
    { from: 'out.2.', to: 'conv_out.' },
    ...downRules(s),
    ...midRules(s),
    ...upRules(s),
  ]);
}

function downRules(s: UnetStructure): PrefixRule[] {
  const rules: PrefixRule[] = [];
  const levels = s.block_out_channels.length;
  let index = 1; // input_blocks.0 is conv_in
  for (let level = 0; level < levels; level++) {
    const to = `down_blocks.${level}.`;
    for (let layer = 0; layer < layersAt(s, level); layer++, index++) {
      rules.push({ from: `input_blocks.${index}.0.`, to: `${to}resnets.${layer}.`, modules: RESNET_MODULES });
      if (hasAttention(s.down_block_types[level])) rules.push({ from: `input_blocks.${index}.1.`, to: `${to}attentions.${layer}.` });
    }
    if (level < levels - 1) {
      rules.push({ from: `input_blocks.${index}.0.`, to: `${to}downsamplers.0.`, modules: { op: 'conv' } });
      index++;
    }
  }
  return rules;
}

function midRules(s: UnetStructure): PrefixRule[] {
  // UNetMidBlock2DCrossAttn is resnet, attention, resnet; the plain UNetMidBlock2D has no attention.
  const withAttention = s.mid_block_type == null || hasAttention(s.mid_block_type);
  const parts = withAttention ? ['resnets.0.', 'attentions.0.', 'resnets.1.'] : ['resnets.0.', 'resnets.1.'];
  return parts.map((to, i) => ({
    from: `middle_block.${i}.`,
    to: `mid_block.${to}`,
    modules: to.startsWith('resnets') ? RESNET_MODULES : undefined,
  }));
}

function upRules(s: UnetStructure): PrefixRule[] {
  const rules: PrefixRule[] = [];
  const levels = s.block_out_channels.length;
  let index = 0;
  for (let level = 0; level < levels; level++) {
    const to = `up_blocks.${level}.`;
    const attention = hasAttention(s.up_block_types[level]);
    // Up level `level` mirrors down level `levels - 1 - level`, with one resnet more.
    const perLevel = layersAt(s, levels - 1 - level) + 1;
    for (let layer = 0; layer < perLevel; layer++, index++) {
      rules.push({ from: `output_blocks.${index}.0.`, to: `${to}resnets.${layer}.`, modules: RESNET_MODULES });
      if (attention) rules.push({ from: `output_blocks.${index}.1.`, to: `${to}attentions.${layer}.` });
      // The upsampler follows the level's last layer, after its attention when there is one.
      if (layer === perLevel - 1 && level < levels - 1) {
        rules.push({ from: `output_blocks.${index}.${attention ? 2 : 1}.`, to: `${to}upsamplers.0.`, modules: { conv: 'conv' } });
      }
    }
  }
  return rules;
}
