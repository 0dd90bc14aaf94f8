import { describe, expect, it } from 'vitest';
import { SD15_VAE_CONFIG, vaeConfigFrom } from '../../../../src-main/engine/models/vae/config';
import { diffusersConfig } from '../../nn/golden-weights';

describe('vaeConfigFrom', () => {
  it('fills SD 1.5 defaults and keeps given fields', () => {
    expect(vaeConfigFrom({})).toEqual(SD15_VAE_CONFIG);
    const tiny = vaeConfigFrom(diffusersConfig('vae'));
    expect(tiny.block_out_channels).toEqual([32, 64]);
    expect(tiny.scaling_factor).toBe(0.18215);
    expect(vaeConfigFrom({ shift_factor: 0.0609 }).shift_factor).toBe(0.0609);
  });

  it.each([
    [{ latents_mean: [0, 0, 0, 0] }, /latents_mean/],
    [{ act_fn: 'gelu' }, /act_fn = "gelu" is not supported/],
    [{ down_block_types: ['DownEncoderBlock2D', 'DownEncoderBlock2D', 'DownEncoderBlock2D', 'AttnDownEncoderBlock2D'] }, /AttnDownEncoderBlock2D/],
    [{ block_out_channels: [128, 256] }, /one entry per block_out_channels \(2\)/],
    [{ block_out_channels: [100, 200, 400, 400] }, /width 100 is not divisible by norm_num_groups 32/],
    [{ layers_per_block: [2, 2, 2, 2] }, /layers_per_block must be number/],
  ])('refuses %j', (json, message) => {
    expect(() => vaeConfigFrom(json)).toThrow(message);
  });
});
