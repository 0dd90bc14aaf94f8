import { configFrom, perBlock, requireOneOf, type ConfigSchema } from '../../nn/config-fields';

export const UNET_DOWN_BLOCK_TYPES = ['CrossAttnDownBlock2D', 'DownBlock2D'] as const;
export const UNET_UP_BLOCK_TYPES = ['CrossAttnUpBlock2D', 'UpBlock2D'] as const;

/**
 * UNet2DConditionModel's config.json fields the engine models (diffusers' names), with
 * Stable Diffusion 1.5's values as defaults.
 */
export interface UNet2DConditionConfig {
  /** Latent size the model was trained at (64 = 512 px); informative only. */
  sample_size: number;
  in_channels: number;
  out_channels: number;
  /** Maps the input from [0,1] to [-1,1] first (false in SD). */
  center_input_sample: boolean;
  /** Sinusoidal embedding as [cos | sin] (true in SD). */
  flip_sin_to_cos: boolean;
  freq_shift: number;
  down_block_types: string[];
  mid_block_type: string;
  up_block_types: string[];
  /** attn1 attends to the text instead of to the image, per down block. */
  only_cross_attention: boolean | boolean[];
  /** Width of each resolution level, highest resolution first. */
  block_out_channels: number[];
  layers_per_block: number | number[];
  downsample_padding: number;
  mid_block_scale_factor: number;
  norm_num_groups: number;
  norm_eps: number;
  /** Width of the text encoder's hidden states (CLIP ViT-L: 768). */
  cross_attention_dim: number | number[];
  transformer_layers_per_block: number | number[];
  /** Despite the name, the NUMBER of heads per block in SD 1.x configs (diffusers' legacy naming). */
  attention_head_dim: number | number[];
  /** proj_in/proj_out as Linear (SD 2.x) rather than 1x1 conv (SD 1.x). */
  use_linear_projection: boolean;
  /** Width of the time embedding MLP; null means 4 * block_out_channels[0]. */
  time_embedding_dim: number | null;
  conv_in_kernel: number;
  conv_out_kernel: number;
}

export const SD15_UNET_CONFIG: UNet2DConditionConfig = {
  sample_size: 64,
  in_channels: 4,
  out_channels: 4,
  center_input_sample: false,
  flip_sin_to_cos: true,
  freq_shift: 0,
  down_block_types: ['CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'DownBlock2D'],
  mid_block_type: 'UNetMidBlock2DCrossAttn',
  up_block_types: ['UpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D'],
  only_cross_attention: false,
  block_out_channels: [320, 640, 1280, 1280],
  layers_per_block: 2,
  downsample_padding: 1,
  mid_block_scale_factor: 1,
  norm_num_groups: 32,
  norm_eps: 1e-5,
  cross_attention_dim: 768,
  transformer_layers_per_block: 1,
  attention_head_dim: 8,
  use_linear_projection: false,
  time_embedding_dim: null,
  conv_in_kernel: 3,
  conv_out_kernel: 3,
};

const schema: ConfigSchema<UNet2DConditionConfig> = {
  label: 'UNet config',
  defaults: SD15_UNET_CONFIG,
  kinds: {
    sample_size: 'number',
    in_channels: 'number',
    out_channels: 'number',
    center_input_sample: 'boolean',
    flip_sin_to_cos: 'boolean',
    freq_shift: 'number',
    down_block_types: 'string[]',
    mid_block_type: 'string',
    up_block_types: 'string[]',
    only_cross_attention: 'boolean|boolean[]',
    block_out_channels: 'number[]',
    layers_per_block: 'number|number[]',
    downsample_padding: 'number',
    mid_block_scale_factor: 'number',
    norm_num_groups: 'number',
    norm_eps: 'number',
    cross_attention_dim: 'number|number[]',
    transformer_layers_per_block: 'number|number[]',
    attention_head_dim: 'number|number[]',
    use_linear_projection: 'boolean',
    time_embedding_dim: 'number|null',
    conv_in_kernel: 'number',
    conv_out_kernel: 'number',
  },
  // SDXL, class-conditioned and other UNet variants: refused, not silently ignored.
  neutral: {
    act_fn: 'silu',
    dropout: 0,
    num_attention_heads: null,
    reverse_transformer_layers_per_block: null,
    encoder_hid_dim: null,
    encoder_hid_dim_type: null,
    dual_cross_attention: false,
    class_embed_type: null,
    addition_embed_type: null,
    addition_time_embed_dim: null,
    num_class_embeds: null,
    resnet_time_scale_shift: 'default',
    resnet_skip_time_act: false,
    time_embedding_type: 'positional',
    time_embedding_act_fn: null,
    timestep_post_act: null,
    time_cond_proj_dim: null,
    projection_class_embeddings_input_dim: null,
    attention_type: 'default',
    class_embeddings_concat: false,
    cross_attention_norm: null,
  },
};

// Not read: resnet_out_scale_factor (diffusers passes it only to ResnetDownsampleBlock2D-style
// blocks, none of which we build), upcast_attention and mid_block_only_cross_attention (no
// effect on these blocks in float32), addition_embed_type_num_heads (only with an addition embed).

/** Everything one resolution level needs, derived from the config. */
export interface UNetLevel {
  channels: number;
  layers: number;
  /** Number of attention heads (attention_head_dim in SD 1.x configs). */
  heads: number;
  transformerLayers: number;
  crossAttentionDim: number;
  onlyCrossAttention: boolean;
  downCrossAttention: boolean;
  upCrossAttention: boolean;
}

/** Parses a diffusers unet/config.json: fills SD 1.5 defaults, refuses unsupported variants. */
export function unetConfigFrom(json: unknown): UNet2DConditionConfig {
  const config = configFrom(json, schema);
  unetLevels(config); // validates the per-block fields against each other
  return config;
}

/** Per-level settings, highest resolution first (up blocks run them in reverse). */
export function unetLevels(config: UNet2DConditionConfig): UNetLevel[] {
  const label = schema.label;
  const n = config.block_out_channels.length;
  requireOneOf(label, 'down_block_types', config.down_block_types, UNET_DOWN_BLOCK_TYPES);
  requireOneOf(label, 'up_block_types', config.up_block_types, UNET_UP_BLOCK_TYPES);
  requireOneOf(label, 'mid_block_type', [config.mid_block_type], ['UNetMidBlock2DCrossAttn']);
  if (config.down_block_types.length !== n || config.up_block_types.length !== n) {
    throw new Error(`${label}: down_block_types and up_block_types need one entry per block_out_channels (${n})`);
  }
  const layers = perBlock(config.layers_per_block, n, 'layers_per_block');
  const heads = perBlock(config.attention_head_dim, n, 'attention_head_dim');
  const transformerLayers = perBlock(config.transformer_layers_per_block, n, 'transformer_layers_per_block');
  const crossDims = perBlock(config.cross_attention_dim, n, 'cross_attention_dim');
  const onlyCross = perBlock(config.only_cross_attention, n, 'only_cross_attention');
  return config.block_out_channels.map((channels, i) => {
    if (channels % heads[i] !== 0) {
      throw new Error(`${label}: block ${i} width ${channels} is not divisible by its ${heads[i]} attention heads`);
    }
    if (channels % config.norm_num_groups !== 0) {
      throw new Error(`${label}: block ${i} width ${channels} is not divisible by norm_num_groups ${config.norm_num_groups}`);
    }
    return {
      channels,
      layers: layers[i],
      heads: heads[i],
      transformerLayers: transformerLayers[i],
      crossAttentionDim: crossDims[i],
      onlyCrossAttention: onlyCross[i],
      downCrossAttention: config.down_block_types[i] === 'CrossAttnDownBlock2D',
      // up block j runs level n-1-j
      upCrossAttention: config.up_block_types[n - 1 - i] === 'CrossAttnUpBlock2D',
    };
  });
}
