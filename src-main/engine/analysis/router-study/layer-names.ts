/**
 * 'unet:down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_v' -> 'down1.a0.t0.attn2.v':
 * short enough to title a small heat map, still unique per layer.
 */
export function shortLayerName(key: string): string {
  return key
    .replace(/^unet:/, '')
    .replace(/^text_encoder:/, 'te.')
    .replace(/down_blocks\./g, 'down')
    .replace(/up_blocks\./g, 'up')
    .replace(/mid_block/g, 'mid')
    .replace(/\.attentions\./g, '.a')
    .replace(/\.transformer_blocks\./g, '.t')
    .replace(/\.to_(q|k|v)$/, '.$1');
}
