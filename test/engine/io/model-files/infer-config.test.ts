import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipConfigFromShapes, inferClipConfig } from '../../../../src-main/engine/io/model-files/infer-clip-config';
import { inferUnetConfig } from '../../../../src-main/engine/io/model-files/infer-unet-config';
import { inferVaeConfig } from '../../../../src-main/engine/io/model-files/infer-vae-config';
import type { ShapeTable } from '../../../../src-main/engine/io/model-files/shape-table';
import { SafetensorsReader } from '../../../../src-main/engine/io/safetensors';
import { goldenModels } from './golden-models';

const golden = goldenModels();

function shapesUnder(reader: SafetensorsReader, prefix: string): ShapeTable {
  const keys = reader.keys().filter((k) => k.startsWith(prefix));
  return new Map(keys.map((k) => [k.slice(prefix.length), reader.entry(k).shape]));
}

/** Every inferred field must equal the reference config's value. */
function expectAgrees(inferred: Record<string, unknown>, reference: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(inferred)) expect(value, field).toEqual(reference[field]);
}

describe('config inferred from single-file shapes (golden tiny model)', () => {
  let reader: SafetensorsReader;
  beforeAll(async () => {
    reader = await SafetensorsReader.open(golden.singleFile);
  });
  afterAll(() => reader.close());

  it('UNet: levels, widths, layers, attention levels, cross-attention width, channels', () => {
    const inferred = inferUnetConfig(shapesUnder(reader, golden.prefixes.unet));
    expect(Object.keys(inferred)).toEqual(expect.arrayContaining(['block_out_channels', 'layers_per_block', 'down_block_types', 'up_block_types', 'cross_attention_dim']));
    expectAgrees(inferred, golden.configs.unet);
  });

  it('VAE: widths, layers, latent and image channels', () => {
    const inferred = inferVaeConfig(shapesUnder(reader, golden.prefixes.vae));
    expect(Object.keys(inferred)).toEqual(expect.arrayContaining(['block_out_channels', 'layers_per_block', 'latent_channels']));
    expectAgrees(inferred, golden.configs.vae);
  });

  it('text encoder: width, layers, vocabulary, positions, MLP size (heads are not in the shapes)', () => {
    const inferred = inferClipConfig(shapesUnder(reader, golden.prefixes.text_encoder));
    expect(Object.keys(inferred).sort()).toEqual(['hidden_size', 'intermediate_size', 'max_position_embeddings', 'num_hidden_layers', 'vocab_size']);
    expectAgrees(inferred, golden.configs.text_encoder);
  });

  it('text encoder heads: 64 channels each where the width allows (every released CLIP), otherwise a config is needed', () => {
    const withWidth = (width: number) => {
      const shapes = new Map(shapesUnder(reader, golden.prefixes.text_encoder));
      const key = [...shapes.keys()].find((k) => k.endsWith('token_embedding.weight')) as string;
      shapes.set(key, [shapes.get(key)![0], width]);
      return shapes;
    };
    for (const [width, heads] of [[768, 12], [1024, 16], [1280, 20]]) expect(clipConfigFromShapes(withWidth(width)).num_attention_heads).toBe(heads);
    expect(() => clipConfigFromShapes(withWidth(32))).toThrow(/32 wide, not a multiple of 64.*--config/);
  });
});

describe('config inference on SD 1.5 shaped headers', () => {
  // Header shapes only: the real SD 1.5 layout, without any tensor data.
  function sd15UnetShapes(): ShapeTable {
    const shapes = new Map<string, number[]>([
      ['input_blocks.0.0.weight', [320, 4, 3, 3]],
      ['out.2.weight', [4, 320, 3, 3]],
      ['middle_block.1.proj_in.weight', [1280, 1280, 1, 1]],
    ]);
    const widths = [320, 640, 1280, 1280];
    let index = 1;
    widths.forEach((w, level) => {
      for (let layer = 0; layer < 2; layer++, index++) {
        shapes.set(`input_blocks.${index}.0.out_layers.3.weight`, [w, w, 3, 3]);
        if (level < 3) {
          shapes.set(`input_blocks.${index}.1.proj_in.weight`, [w, w, 1, 1]);
          shapes.set(`input_blocks.${index}.1.transformer_blocks.0.attn2.to_k.weight`, [w, 768]);
        }
      }
      if (level < 3) shapes.set(`input_blocks.${index++}.0.op.weight`, [w, w, 3, 3]);
    });
    for (let index = 3; index < 12; index++) shapes.set(`output_blocks.${index}.1.proj_in.weight`, [1, 1, 1, 1]);
    return shapes;
  }

  it('recovers SD 1.5 structure', () => {
    expect(inferUnetConfig(sd15UnetShapes())).toMatchObject({
      block_out_channels: [320, 640, 1280, 1280],
      layers_per_block: 2,
      down_block_types: ['CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'DownBlock2D'],
      up_block_types: ['UpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D'],
      cross_attention_dim: 768,
      use_linear_projection: false,
      transformer_layers_per_block: 1,
      in_channels: 4,
      out_channels: 4,
    });
  });

  it('names the key it needed when the file is not an SD UNet', () => {
    expect(() => inferUnetConfig(new Map([['input_blocks.1.0.out_layers.3.weight', [4, 4, 3, 3]]]))).toThrow(/no 'input_blocks\.0\.0\.weight'.*pass a config/);
  });
});
