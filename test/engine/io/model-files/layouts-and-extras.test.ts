import * as tf from '@tensorflow/tfjs';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectLayout, loadModelFiles, loadTextEncoder, loadVae } from '../../../../src-main/engine/io/model-files';
import { SafetensorsReader, writeSafetensors, type TensorToWrite } from '../../../../src-main/engine/io/safetensors';
import { goldenModels } from './golden-models';

const golden = goldenModels();

async function readAll(file: string, prefix = ''): Promise<Map<string, TensorToWrite>> {
  const reader = await SafetensorsReader.open(file);
  try {
    const tensors = new Map<string, TensorToWrite>();
    for (const key of reader.keys().filter((k) => k.startsWith(prefix))) {
      tensors.set(key, { data: await reader.readFloat32(key), shape: reader.entry(key).shape });
    }
    return tensors;
  } finally {
    await reader.close();
  }
}

describe('layouts, variants and keys real files carry', () => {
  let dir: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    dir = mkdtempSync(join(tmpdir(), 'checkpoint-layouts-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ignores EMA weights and LDM schedule buffers in a single file', async () => {
    const tensors = await readAll(golden.singleFile, golden.prefixes.vae);
    const scalar = { data: new Float32Array([0.9999]), shape: [] };
    tensors.set('model_ema.decay', scalar);
    tensors.set('model_ema.diffusion_modelinput_blocks00weight', { data: new Float32Array(4), shape: [2, 2] });
    tensors.set('alphas_cumprod', { data: new Float32Array(10), shape: [10] });
    const path = join(dir, 'with-ema.safetensors');
    await writeSafetensors(path, tensors);
    const c = await loadModelFiles(path, { components: ['vae'] });
    expect([...(c.vae?.namedParameters() ?? [])].every(([, p]) => p.loaded)).toBe(true);
    c.dispose();
  });

  it('reads a diffusers component folder that only has the .fp16 variant, and prefers it when asked', async () => {
    const folder = join(dir, 'vae-fp16');
    mkdirSync(folder);
    copyFileSync(join(golden.diffusersDir, 'vae', 'config.json'), join(folder, 'config.json'));
    const tensors = await readAll(join(golden.diffusersDir, 'vae', 'diffusion_pytorch_model.safetensors'));
    await writeSafetensors(join(folder, 'diffusion_pytorch_model.fp16.safetensors'), tensors, { dtype: 'F16' });
    expect(detectLayout(folder)).toBe('diffusers_component');
    const onlyHalf = await loadVae(folder);
    expect(onlyHalf.source.file).toMatch(/\.fp16\.safetensors$/);
    onlyHalf.model.dispose();

    copyFileSync(join(golden.diffusersDir, 'vae', 'diffusion_pytorch_model.safetensors'), join(folder, 'diffusion_pytorch_model.safetensors'));
    const full = await loadVae(folder);
    const half = await loadVae(folder, { variant: 'fp16' });
    expect(full.source.file).toMatch(/model\.safetensors$/);
    expect(half.source.file).toMatch(/\.fp16\.safetensors$/);
    full.model.dispose();
    half.model.dispose();
  });

  it('reads a standalone text-encoder file with transformers keys and no prefix', async () => {
    const path = join(dir, 'text-encoder.safetensors');
    copyFileSync(join(golden.diffusersDir, 'text_encoder', 'model.safetensors'), path);
    const { model, source } = await loadTextEncoder(path, { config: golden.configs.text_encoder });
    expect(source.layout).toBe('single_file');
    expect([...model.namedParameters()].every(([, p]) => p.loaded)).toBe(true);
    model.dispose();
  });

  it('takes configs from a diffusers folder or a JSON file given as the config option', async () => {
    const fromFolder = await loadModelFiles(golden.singleFile, { config: golden.diffusersDir });
    const jsonFile = join(dir, 'text_encoder_config.json');
    copyFileSync(join(golden.diffusersDir, 'text_encoder', 'config.json'), jsonFile);
    const fromFile = await loadModelFiles(golden.singleFile, { components: ['text_encoder'], config: jsonFile });
    try {
      expect(fromFolder.configs.text_encoder?.num_attention_heads).toBe(golden.configs.text_encoder.num_attention_heads);
      expect(fromFile.configs.text_encoder).toEqual(fromFolder.configs.text_encoder);
    } finally {
      fromFolder.dispose();
      fromFile.dispose();
    }
  });
});
