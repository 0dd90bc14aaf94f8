import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipKeyMapper } from '../../../../src-main/engine/io/model-files/clip-keys';
import { componentWeightsFile } from '../../../../src-main/engine/io/model-files/layout';
import type { KeyMapper } from '../../../../src-main/engine/io/model-files/key-map';
import { ldmUnetKeyMapper, type UnetStructure } from '../../../../src-main/engine/io/model-files/unet-keys';
import { ldmVaeKeyMapper, type VaeStructure } from '../../../../src-main/engine/io/model-files/vae-keys';
import { SafetensorsReader } from '../../../../src-main/engine/io/safetensors';
import { goldenModels } from './golden-models';

// The golden single file and diffusers folder hold the same random model: mapping every
// single-file key must give exactly the folder's keys, shapes and values.
const golden = goldenModels();

describe('original single-file keys -> diffusers keys (golden tiny model)', () => {
  let single: SafetensorsReader;
  beforeAll(async () => {
    single = await SafetensorsReader.open(golden.singleFile);
  });
  afterAll(() => single.close());

  const cases: [component: 'unet' | 'vae' | 'text_encoder', mapper: () => KeyMapper][] = [
    ['unet', () => ldmUnetKeyMapper(golden.configs.unet as unknown as UnetStructure)],
    ['vae', () => ldmVaeKeyMapper(golden.configs.vae as unknown as VaeStructure)],
    ['text_encoder', () => clipKeyMapper],
  ];

  for (const [component, mapper] of cases) {
    it(`${component}: same key set, shapes and data as the diffusers folder`, async () => {
      const folder = await SafetensorsReader.open(componentWeightsFile(join(golden.diffusersDir, component)));
      try {
        const mapKey = mapper();
        const prefix = golden.prefixes[component];
        const mapped = new Map<string, { source: string; squeeze: boolean }>();
        const unknown: string[] = [];
        for (const key of single.keys().filter((k) => k.startsWith(prefix))) {
          const m = mapKey(key.slice(prefix.length));
          if (m === 'unknown') unknown.push(key);
          else if (m !== 'ignore') {
            expect(mapped.has(m.target), `${m.target} mapped twice`).toBe(false);
            mapped.set(m.target, { source: key, squeeze: m.squeeze1x1 === true });
          }
        }
        expect(unknown).toEqual([]);
        expect([...mapped.keys()].sort()).toEqual(folder.keys().sort());
        for (const [target, { source, squeeze }] of mapped) {
          const stored = single.entry(source).shape;
          const shape = squeeze ? stored.filter((d, i) => i < 2 || d !== 1) : stored;
          expect(shape, target).toEqual(folder.entry(target).shape);
          expect(firstDifference(await single.readFloat32(source), await folder.readFloat32(target)), target).toBe(-1);
        }
      } finally {
        await folder.close();
      }
    });
  }
});

/** Index of the first unequal value, or -1 (deep equality on big arrays is slow in vitest). */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('key mapping rules', () => {
  const sd15: UnetStructure = {
    block_out_channels: [320, 640, 1280, 1280],
    layers_per_block: 2,
    down_block_types: ['CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'DownBlock2D'],
    up_block_types: ['UpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D'],
  };
  const unet = ldmUnetKeyMapper(sd15);

  it('places SD 1.5 UNet blocks from the config', () => {
    expect(unet('input_blocks.0.0.weight')).toEqual({ target: 'conv_in.weight' });
    expect(unet('input_blocks.2.1.transformer_blocks.0.attn2.to_k.weight')).toEqual({
      target: 'down_blocks.0.attentions.1.transformer_blocks.0.attn2.to_k.weight',
    });
    expect(unet('input_blocks.9.0.op.bias')).toEqual({ target: 'down_blocks.2.downsamplers.0.conv.bias' });
    expect(unet('input_blocks.11.0.emb_layers.1.weight')).toEqual({ target: 'down_blocks.3.resnets.1.time_emb_proj.weight' });
    expect(unet('middle_block.1.proj_in.weight')).toEqual({ target: 'mid_block.attentions.0.proj_in.weight' });
    expect(unet('middle_block.2.out_layers.3.bias')).toEqual({ target: 'mid_block.resnets.1.conv2.bias' });
    // Level 0 on the way up has no attention, so its upsampler is entry 1; later levels use 2.
    expect(unet('output_blocks.2.1.conv.weight')).toEqual({ target: 'up_blocks.0.upsamplers.0.conv.weight' });
    expect(unet('output_blocks.5.2.conv.weight')).toEqual({ target: 'up_blocks.1.upsamplers.0.conv.weight' });
    expect(unet('output_blocks.11.1.proj_out.bias')).toEqual({ target: 'up_blocks.3.attentions.2.proj_out.bias' });
    expect(unet('output_blocks.6.0.skip_connection.weight')).toEqual({ target: 'up_blocks.2.resnets.0.conv_shortcut.weight' });
    expect(unet('time_embed.2.bias')).toEqual({ target: 'time_embedding.linear_2.bias' });
    expect(unet('out.0.weight')).toEqual({ target: 'conv_norm_out.weight' });
  });

  it('reports keys outside the configured structure as unknown', () => {
    expect(unet('input_blocks.12.0.in_layers.0.weight')).toBe('unknown');
    expect(unet('output_blocks.12.0.in_layers.0.weight')).toBe('unknown');
    expect(unet('input_blocks.11.0.op.weight')).toBe('unknown'); // no downsampler after the last level
    expect(unet('input_blocks.1.0.in_layers.1.weight')).toBe('unknown'); // SiLU has no weights
    expect(unet('betas')).toBe('unknown');
  });

  it('follows per-level layer counts', () => {
    const mapper = ldmUnetKeyMapper({ ...sd15, block_out_channels: [32, 64], layers_per_block: [1, 3], down_block_types: ['DownBlock2D', 'DownBlock2D'], up_block_types: ['UpBlock2D', 'UpBlock2D'] });
    expect(mapper('input_blocks.2.0.op.weight')).toEqual({ target: 'down_blocks.0.downsamplers.0.conv.weight' });
    expect(mapper('input_blocks.5.0.conv1.weight')).toBe('unknown');
    expect(mapper('input_blocks.5.0.in_layers.2.weight')).toEqual({ target: 'down_blocks.1.resnets.2.conv1.weight' });
    expect(mapper('output_blocks.3.1.conv.weight')).toEqual({ target: 'up_blocks.0.upsamplers.0.conv.weight' });
    expect(mapper('output_blocks.5.0.in_layers.2.weight')).toEqual({ target: 'up_blocks.1.resnets.1.conv1.weight' });
  });

  it('reverses VAE decoder levels and turns 1x1 attention convs into linears', () => {
    const vae = ldmVaeKeyMapper({ block_out_channels: [128, 256, 512, 512], layers_per_block: 2 });
    expect(vae('decoder.up.3.block.2.conv1.weight')).toEqual({ target: 'decoder.up_blocks.0.resnets.2.conv1.weight' });
    expect(vae('decoder.up.1.upsample.conv.bias')).toEqual({ target: 'decoder.up_blocks.2.upsamplers.0.conv.bias' });
    expect(vae('decoder.up.0.upsample.conv.bias')).toBe('unknown');
    expect(vae('encoder.down.1.block.0.nin_shortcut.weight')).toEqual({ target: 'encoder.down_blocks.1.resnets.0.conv_shortcut.weight' });
    expect(vae('encoder.down.3.downsample.conv.weight')).toBe('unknown');
    expect(vae('encoder.mid.attn_1.proj_out.weight')).toEqual({ target: 'encoder.mid_block.attentions.0.to_out.0.weight', squeeze1x1: true });
    expect(vae('decoder.mid.attn_1.norm.bias')).toEqual({ target: 'decoder.mid_block.attentions.0.group_norm.bias', squeeze1x1: true });
    expect(vae('decoder.norm_out.weight')).toEqual({ target: 'decoder.conv_norm_out.weight' });
  });

  it('ignores CLIP position_ids and adds text_model. for old transformers files', () => {
    expect(clipKeyMapper('text_model.embeddings.position_ids')).toBe('ignore');
    expect(clipKeyMapper('embeddings.token_embedding.weight')).toEqual({ target: 'text_model.embeddings.token_embedding.weight' });
  });
});
