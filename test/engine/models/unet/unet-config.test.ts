import { describe, expect, it } from 'vitest';
import { SD15_UNET_CONFIG, unetConfigFrom, unetLevels } from '../../../../src-main/engine/models/unet/config';
import { diffusersConfig } from '../../nn/golden-weights';

describe('unetConfigFrom', () => {
  it('fills SD 1.5 defaults for absent fields and keeps given ones', () => {
    expect(unetConfigFrom({})).toEqual(SD15_UNET_CONFIG);
    const tiny = unetConfigFrom(diffusersConfig('unet'));
    expect(tiny.block_out_channels).toEqual([32, 64]);
    expect(tiny.cross_attention_dim).toBe(32);
    expect(tiny.down_block_types).toEqual(['DownBlock2D', 'CrossAttnDownBlock2D']);
  });

  it('reads attention_head_dim as the number of heads, per level', () => {
    const levels = unetLevels(unetConfigFrom({}));
    expect(levels.map((l) => [l.channels, l.heads])).toEqual([
      [320, 8],
      [640, 8],
      [1280, 8],
      [1280, 8],
    ]);
    expect(levels.map((l) => [l.downCrossAttention, l.upCrossAttention])).toEqual([
      [true, true],
      [true, true],
      [true, true],
      [false, false],
    ]);
    const custom = unetLevels(unetConfigFrom({ attention_head_dim: [5, 10, 20, 20] }));
    expect(custom.map((l) => l.heads)).toEqual([5, 10, 20, 20]);
  });

  it.each([
    [{ class_embed_type: 'timestep' }, /class_embed_type = "timestep" is not supported/],
    [{ addition_embed_type: 'text_time' }, /addition_embed_type/],
    [{ num_attention_heads: 8 }, /num_attention_heads/],
    [{ resnet_time_scale_shift: 'scale_shift' }, /resnet_time_scale_shift/],
    [{ down_block_types: ['SimpleCrossAttnDownBlock2D', 'DownBlock2D', 'DownBlock2D', 'DownBlock2D'] }, /SimpleCrossAttnDownBlock2D/],
    [{ mid_block_type: null }, /mid_block_type must be string/],
    [{ block_out_channels: '320' }, /block_out_channels must be number\[\]/],
    [{ layers_per_block: [2, 2] }, /layers_per_block has 2 entries for 4 blocks/],
    [{ attention_head_dim: 7 }, /width 320 is not divisible by its 7 attention heads/],
    [{ transformer_layers_per_block: [[1], [1], [1], [1]] }, /transformer_layers_per_block must be number\|number\[\]/],
    ['not a config', /expected a JSON object/],
  ])('refuses %j', (json, message) => {
    expect(() => unetConfigFrom(json)).toThrow(message);
  });
});
