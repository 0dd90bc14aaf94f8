import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafetensorsReader } from '../../../../src-main/engine/io/safetensors';
import { goldenDir } from '../../../parity/golden';

const models = join(goldenDir(), 'models');
const POSITION_IDS = 'cond_stage_model.transformer.text_model.embeddings.position_ids';

describe('golden single-file checkpoints', () => {
  let f32: SafetensorsReader;
  let f16: SafetensorsReader;
  beforeAll(async () => {
    f32 = await SafetensorsReader.open(join(models, 'sd15_tiny_single_file.safetensors'));
    f16 = await SafetensorsReader.open(join(models, 'sd15_tiny_single_file_fp16.safetensors'));
  });
  afterAll(async () => {
    await f32?.close();
    await f16?.close();
  });

  it('both files declare the same tensors with the same shapes', () => {
    expect(f32.keys().length).toBeGreaterThan(100);
    expect([...f16.keys()].sort()).toEqual([...f32.keys()].sort());
    for (const name of f32.keys()) expect(f16.entry(name).shape, name).toEqual(f32.entry(name).shape);
    expect(f32.metadata.format).toBe('pt');
  });

  it('reads the I64 position ids as 0..76', async () => {
    for (const reader of [f32, f16]) {
      expect(reader.entry(POSITION_IDS)).toMatchObject({ dtype: 'I64', shape: [1, 77] });
      const ids = await reader.readFloat32(POSITION_IDS);
      expect(Array.from(ids)).toEqual(Array.from({ length: 77 }, (_, i) => i));
    }
  });

  it('fp16 tensors match the float32 ones within half rounding', async () => {
    const names = f32.keys().filter((n) => f32.entry(n).dtype === 'F32');
    const sample = [names[0], names[Math.floor(names.length / 3)], names[Math.floor((2 * names.length) / 3)], names[names.length - 1]];
    for (const name of [...sample, 'model.diffusion_model.input_blocks.0.0.weight']) {
      expect(f16.entry(name).dtype).toBe('F16');
      const want = await f32.readFloat32(name);
      const got = await f16.readFloat32(name);
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) {
        // A half keeps 11 significant bits: relative error at most 2^-11, absolute 2^-25 near zero.
        expect(Math.abs(got[i] - want[i]), `${name}[${i}]`).toBeLessThanOrEqual(Math.abs(want[i]) * 2 ** -11 + 2 ** -25);
      }
    }
  });

  it('reads a weight as a tf tensor of its shape', async () => {
    const name = 'model.diffusion_model.input_blocks.0.0.weight';
    const t = await f32.readTensor(name);
    expect(t.shape).toEqual(f32.entry(name).shape);
    expect(await t.data()).toEqual(await f32.readFloat32(name));
    t.dispose();
  });
});
