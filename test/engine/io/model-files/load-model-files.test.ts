import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModelFiles, loadTextEncoder, loadVae, type LoadedModelFiles } from '../../../../src-main/engine/io/model-files';
import type { Module } from '../../../../src-main/engine/nn/module';
import { goldenModels } from './golden-models';

const golden = goldenModels();

/** Every parameter of a module in PyTorch layout, by name. */
function weights(module: Module): Map<string, Float32Array> {
  return new Map(
    [...module.namedParameters()].map(([name, p]) => {
      const t = p.toTorch();
      const data = t.dataSync() as Float32Array;
      t.dispose();
      return [name, data];
    }),
  );
}

function expectSameWeights(a: Module, b: Module): void {
  const wa = weights(a);
  const wb = weights(b);
  expect([...wa.keys()].sort()).toEqual([...wb.keys()].sort());
  for (const [name, values] of wa) {
    const other = wb.get(name) as Float32Array;
    expect(values.every((v, i) => v === other[i]), name).toBe(true);
  }
}

function loadedModules(c: LoadedModelFiles): Module[] {
  return [c.unet, c.vae, c.textEncoder].filter((m): m is NonNullable<typeof m> => m !== undefined);
}

describe('loadModelFiles (golden tiny SD 1.5)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('a single file and the diffusers folder give the same weights and configs', async () => {
    const before = tf.memory().numTensors;
    const single = await loadModelFiles(golden.singleFile, { config: { ...golden.configs } });
    const folder = await loadModelFiles(golden.diffusersDir);
    try {
      expect(single.source.layout).toBe('single_file');
      expect(folder.source.layout).toBe('diffusers');
      expect(folder.source.components.vae?.file).toBe(join(golden.diffusersDir, 'vae', 'diffusion_pytorch_model.safetensors'));
      for (const m of [...loadedModules(single), ...loadedModules(folder)]) {
        expect([...m.namedParameters()].every(([, p]) => p.loaded)).toBe(true);
      }
      expect(single.configs).toEqual(folder.configs);
      expectSameWeights(single.unet as Module, folder.unet as Module);
      expectSameWeights(single.vae as Module, folder.vae as Module);
      expectSameWeights(single.textEncoder as Module, folder.textEncoder as Module);
    } finally {
      single.dispose();
      folder.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads UNet and VAE from a single file with no config (shapes + SD 1.5 defaults) and hashes the file', async () => {
    const c = await loadModelFiles(golden.singleFile, { components: ['unet', 'vae'], hash: true });
    try {
      expect(c.textEncoder).toBeUndefined();
      expect(c.configs.unet?.block_out_channels).toEqual(golden.configs.unet.block_out_channels);
      expect(c.configs.unet?.cross_attention_dim).toBe(golden.configs.unet.cross_attention_dim);
      expect(c.configs.vae?.block_out_channels).toEqual(golden.configs.vae.block_out_channels);
      expect(c.source.hash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      c.dispose();
    }
  });

  it('takes the VAE and text encoder from separate diffusers folders', async () => {
    const c = await loadModelFiles(golden.singleFileF16, {
      config: golden.configs.unet,
      components: ['unet', 'vae', 'text_encoder'],
      vaePath: join(golden.diffusersDir, 'vae'),
      textEncoderPath: golden.diffusersDir,
    });
    try {
      expect(c.source.components.unet?.layout).toBe('single_file');
      expect(c.source.components.vae?.layout).toBe('diffusers_component');
      expect(c.source.components.text_encoder?.layout).toBe('diffusers');
      expect(c.configs.text_encoder?.num_attention_heads).toBe(golden.configs.text_encoder.num_attention_heads);
    } finally {
      c.dispose();
    }
  });

  it('per-component loaders read component folders and single files', async () => {
    const vae = await loadVae(golden.singleFile);
    const text = await loadTextEncoder(join(golden.diffusersDir, 'text_encoder'));
    try {
      expect(vae.source.layout).toBe('single_file');
      expect(text.config.hidden_size).toBe(golden.configs.text_encoder.hidden_size);
    } finally {
      vae.model.dispose();
      text.model.dispose();
    }
  });

  it('a component folder given to loadModelFiles loads that component only', async () => {
    const c = await loadModelFiles(join(golden.diffusersDir, 'vae'));
    try {
      expect(c.source.layout).toBe('diffusers_component');
      expect([c.unet, c.textEncoder]).toEqual([undefined, undefined]);
      expect(c.vae).toBeDefined();
    } finally {
      c.dispose();
    }
    await expect(loadModelFiles(join(golden.diffusersDir, 'vae'), { components: ['unet'] })).rejects.toThrow(/holds a vae, not a unet/);
  });

  it('a text encoder whose width is not a multiple of 64 needs its config, and the error names the flag', async () => {
    await expect(loadModelFiles(golden.singleFile, { components: ['text_encoder'] })).rejects.toThrow(
      /sd15_tiny_single_file\.safetensors: the text encoder is 32 wide, not a multiple of 64, so its attention head count cannot be inferred from the weights: give its config with --config/,
    );
    const loaded = await loadModelFiles(golden.singleFile, { components: ['text_encoder'], config: golden.diffusersDir });
    expect(loaded.textEncoder?.config.num_attention_heads).toBe(golden.configs.text_encoder.num_attention_heads);
    loaded.dispose();
  });
});
