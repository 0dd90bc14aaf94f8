import { childIndices, shapeOf, type ShapeTable } from './shape-table';

/**
 * The diffusers config fields an original-layout UNet's shapes determine: levels, widths,
 * layers per block, which levels attend, cross-attention width, channels, kernels. What
 * shapes cannot tell (attention heads, group-norm groups, timestep settings) is left out so
 * the model's SD 1.5 defaults apply.
 */
export function inferUnetConfig(shapes: ShapeTable): Record<string, unknown> {
  const shape = (key: string) => shapeOf(shapes, key, 'UNet');
  const inputBlocks = childIndices(shapes, 'input_blocks.');
  const downsamplers = inputBlocks.filter((i) => shapes.has(`input_blocks.${i}.0.op.weight`));
  // input_blocks: conv_in, then per level its resnets and a downsampler (not after the last level).
  const levelEnds = [...downsamplers, (inputBlocks[inputBlocks.length - 1] ?? 0) + 1];
  const firstResnet = levelEnds.map((_, l) => (l === 0 ? 1 : levelEnds[l - 1] + 1));
  const layers = levelEnds.map((end, l) => end - firstResnet[l]);
  const levels = layers.length;
  const downAttention = firstResnet.map((i) => shapes.has(`input_blocks.${i}.1.proj_in.weight`));
  // output_blocks run lowest resolution first, one resnet more per level than the way down.
  const upStarts = layers.reduceRight<number[]>((starts, n) => [...starts, (starts.at(-1) ?? 0) + n + 1], [0]).slice(0, levels);
  const upAttention = upStarts.map((i) => shapes.has(`output_blocks.${i}.1.proj_in.weight`));

  const config: Record<string, unknown> = {
    in_channels: shape('input_blocks.0.0.weight')[1],
    conv_in_kernel: shape('input_blocks.0.0.weight')[2],
    out_channels: shape('out.2.weight')[0],
    conv_out_kernel: shape('out.2.weight')[2],
    block_out_channels: firstResnet.map((i) => shape(`input_blocks.${i}.0.out_layers.3.weight`)[0]),
    layers_per_block: layers.every((n) => n === layers[0]) ? layers[0] : layers,
    down_block_types: downAttention.map((a) => (a ? 'CrossAttnDownBlock2D' : 'DownBlock2D')),
    up_block_types: upAttention.map((a) => (a ? 'CrossAttnUpBlock2D' : 'UpBlock2D')),
    mid_block_type: shapes.has('middle_block.1.proj_in.weight') ? 'UNetMidBlock2DCrossAttn' : 'UNetMidBlock2D',
  };
  const attentionLevel = downAttention.indexOf(true);
  if (attentionLevel >= 0) {
    const block = `input_blocks.${firstResnet[attentionLevel]}.1.`;
    config.cross_attention_dim = shape(`${block}transformer_blocks.0.attn2.to_k.weight`)[1];
    // SD 2 style transformers project in and out with linears instead of 1x1 convs.
    config.use_linear_projection = shape(`${block}proj_in.weight`).length === 2;
    config.transformer_layers_per_block = childIndices(shapes, `${block}transformer_blocks.`).length;
  }
  return config;
}
