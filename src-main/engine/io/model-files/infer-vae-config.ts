import { childIndices, shapeOf, type ShapeTable } from './shape-table';

/**
 * The diffusers AutoencoderKL config fields an original-layout VAE's shapes determine. The
 * group-norm groups and the latent scaling factor are not visible and keep SD 1.5's values.
 */
export function inferVaeConfig(shapes: ShapeTable): Record<string, unknown> {
  const shape = (key: string) => shapeOf(shapes, key, 'VAE');
  const levels = childIndices(shapes, 'encoder.down.').length;
  return {
    in_channels: shape('encoder.conv_in.weight')[1],
    out_channels: shape('decoder.conv_out.weight')[0],
    latent_channels: shape('decoder.conv_in.weight')[1],
    block_out_channels: childIndices(shapes, 'encoder.down.').map((l) => shape(`encoder.down.${l}.block.0.conv2.weight`)[0]),
    layers_per_block: childIndices(shapes, 'encoder.down.0.block.').length,
    down_block_types: Array<string>(levels).fill('DownEncoderBlock2D'),
    up_block_types: Array<string>(levels).fill('UpDecoderBlock2D'),
    use_quant_conv: shapes.has('quant_conv.weight'),
    use_post_quant_conv: shapes.has('post_quant_conv.weight'),
    mid_block_add_attention: shapes.has('encoder.mid.attn_1.q.weight'),
  };
}
