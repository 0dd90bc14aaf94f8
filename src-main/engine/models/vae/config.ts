import { configFrom, requireOneOf, type ConfigSchema } from '../../nn/config-fields';

/** AutoencoderKL's config.json fields (diffusers' names), with SD 1.5's values as defaults. */
export interface AutoencoderKLConfig {
  /** Image channels (RGB). */
  in_channels: number;
  out_channels: number;
  down_block_types: string[];
  up_block_types: string[];
  /** Width of each level, highest resolution first; the latent is 2^(levels-1) times smaller. */
  block_out_channels: number[];
  layers_per_block: number;
  latent_channels: number;
  norm_num_groups: number;
  /** Image size it was trained at; informative only. */
  sample_size: number;
  /** Latents are multiplied by this before the UNet sees them; applied by the pipeline, not here. */
  scaling_factor: number;
  /** Subtracted before scaling (SD 3 / Flux); null in SD 1.5. Applied by the pipeline. */
  shift_factor: number | null;
  /** Whether fp16 runs should decode in fp32; informative (the engine computes in fp32). */
  force_upcast: boolean;
  use_quant_conv: boolean;
  use_post_quant_conv: boolean;
  mid_block_add_attention: boolean;
}

export const SD15_VAE_CONFIG: AutoencoderKLConfig = {
  in_channels: 3,
  out_channels: 3,
  down_block_types: ['DownEncoderBlock2D', 'DownEncoderBlock2D', 'DownEncoderBlock2D', 'DownEncoderBlock2D'],
  up_block_types: ['UpDecoderBlock2D', 'UpDecoderBlock2D', 'UpDecoderBlock2D', 'UpDecoderBlock2D'],
  block_out_channels: [128, 256, 512, 512],
  layers_per_block: 2,
  latent_channels: 4,
  norm_num_groups: 32,
  sample_size: 512,
  scaling_factor: 0.18215,
  shift_factor: null,
  force_upcast: true,
  use_quant_conv: true,
  use_post_quant_conv: true,
  mid_block_add_attention: true,
};

const schema: ConfigSchema<AutoencoderKLConfig> = {
  label: 'VAE config',
  defaults: SD15_VAE_CONFIG,
  kinds: {
    in_channels: 'number',
    out_channels: 'number',
    down_block_types: 'string[]',
    up_block_types: 'string[]',
    block_out_channels: 'number[]',
    layers_per_block: 'number',
    latent_channels: 'number',
    norm_num_groups: 'number',
    sample_size: 'number',
    scaling_factor: 'number',
    shift_factor: 'number|null',
    force_upcast: 'boolean',
    use_quant_conv: 'boolean',
    use_post_quant_conv: 'boolean',
    mid_block_add_attention: 'boolean',
  },
  // Per-channel latent statistics (SDXL-era VAEs) change what the pipeline must do: refused.
  neutral: { act_fn: 'silu', latents_mean: null, latents_std: null },
};

/** Parses a diffusers vae/config.json: fills SD 1.5 defaults, refuses unsupported variants. */
export function vaeConfigFrom(json: unknown): AutoencoderKLConfig {
  const config = configFrom(json, schema);
  const n = config.block_out_channels.length;
  requireOneOf(schema.label, 'down_block_types', config.down_block_types, ['DownEncoderBlock2D']);
  requireOneOf(schema.label, 'up_block_types', config.up_block_types, ['UpDecoderBlock2D']);
  if (config.down_block_types.length !== n || config.up_block_types.length !== n) {
    throw new Error(`${schema.label}: down_block_types and up_block_types need one entry per block_out_channels (${n})`);
  }
  const badWidth = config.block_out_channels.find((c) => c % config.norm_num_groups !== 0);
  if (badWidth !== undefined) {
    throw new Error(`${schema.label}: width ${badWidth} is not divisible by norm_num_groups ${config.norm_num_groups}`);
  }
  return config;
}
