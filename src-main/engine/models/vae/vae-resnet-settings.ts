import type { ResnetSettings } from '../../nn/resnet-block';
import { SpatialSelfAttention } from '../../nn/spatial-self-attention';
import type { SpatialMixerFactory } from '../../nn/spatial-mixer';
import type { AutoencoderKLConfig } from './config';

/** diffusers builds every VAE norm with eps 1e-6, whatever the config says. */
export const VAE_NORM_EPS = 1e-6;

/** The encoder's and decoder's resnets: no time embedding. */
export function vaeResnetSettings(config: AutoencoderKLConfig): ResnetSettings {
  return { tembChannels: null, groups: config.norm_num_groups, eps: VAE_NORM_EPS };
}

/** The mid block's single-head self-attention, or none when the config turns it off. */
export function vaeMidAttention(config: AutoencoderKLConfig): SpatialMixerFactory | undefined {
  if (!config.mid_block_add_attention) return undefined;
  return (channels) => new SpatialSelfAttention(channels, config.norm_num_groups, VAE_NORM_EPS);
}
