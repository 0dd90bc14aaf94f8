import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter } from '../../../src-main/engine/adapters/adapter';
import { saveAdapter } from '../../../src-main/engine/adapters/files';
import { createAdapter } from '../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../src-main/engine/adapters/settings';
import { initBackend } from '../../../src-main/engine/backend';
import { readInfotextFromPng } from '../../../src-main/engine/io/png';
import { SafetensorsReader, writeSafetensors } from '../../../src-main/engine/io/safetensors';
import { SeededGenerator } from '../../../src-main/engine/random';
import { applyAdapters, type AdapterChoice, type AdapterMixOptions } from '../../../src-main/engine/pipelines/adapter-mix';
import { loadStableDiffusion, type StableDiffusion } from '../../../src-main/engine/pipelines/stable-diffusion';
import { txt2img } from '../../../src-main/engine/pipelines/txt2img';
import { styleinject } from '../../cli/run-styleinject';
import { goldenDir } from '../../parity/golden';

const modelDir = join(goldenDir(), 'models', 'diffusers');
const kohyaFile = join(goldenDir(), 'lora_kohya', 'lora.safetensors');
const dir = mkdtempSync(join(tmpdir(), 'styleinject-mix-'));
const ourFile = join(dir, 'style.safetensors');
const request = { prompt: 'a striped cat', negativePrompt: 'blur', steps: 3, width: 32, height: 32, seed: 3, sampler: 'euler_a' as const };

/** A StyleInject adapter (K = 4, DMA + STA) whose B and router have moved off their init, saved in our format. */
async function writeTrainedLookingAdapter(sd: StableDiffusion): Promise<void> {
  const adapter = createAdapter({ unet: sd.unet }, adapterSettings({ method: 'styleinject', rank: 4, k: 4 }), { seed: 1, name: 'style' });
  const g = new SeededGenerator(2);
  for (const layer of adapter.layers.values()) {
    (layer.up as tf.Variable).assign(tf.mul(g.normalTensor(layer.up.shape), 0.2));
    (layer.router as tf.Variable).assign(g.normalTensor(layer.router!.shape));
  }
  await saveAdapter(ourFile, adapter);
  disposeAdapter(adapter);
}

describe('blending adapter files at generation time', () => {
  let sd: StableDiffusion;

  async function generate(choices: AdapterChoice[], options: AdapterMixOptions = {}) {
    const mix = await applyAdapters(sd, choices, options);
    try {
      const result = await txt2img(sd, { ...request, adapters: mix.session ?? undefined });
      return { data: Buffer.from(result.images[0].data), mix, result };
    } finally {
      mix.dispose();
    }
  }

  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
    sd = await loadStableDiffusion(modelDir);
    await writeTrainedLookingAdapter(sd);
  });
  afterAll(() => {
    sd?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a kohya LoRA and a StyleInject adapter blend; weight 0 on either gives exactly the image without it', async () => {
    const plain = (await generate([])).data;
    const kohyaOnly = (await generate([{ path: kohyaFile, weight: 0.8 }])).data;
    const oursOnly = (await generate([{ path: ourFile, weight: 1 }])).data;
    const both = (await generate([{ path: kohyaFile, weight: 0.8 }, { path: ourFile, weight: 1 }])).data;
    expect(kohyaOnly.equals(plain)).toBe(false);
    expect(oursOnly.equals(plain)).toBe(false);
    expect(both.equals(kohyaOnly) || both.equals(oursOnly)).toBe(false);
    expect((await generate([{ path: kohyaFile, weight: 0 }, { path: ourFile, weight: 1 }])).data.equals(oursOnly)).toBe(true);
    expect((await generate([{ path: kohyaFile, weight: 0.8 }, { path: ourFile, weight: 0 }])).data.equals(kohyaOnly)).toBe(true);
    // Everything is taken off again: the model is exactly as loaded.
    expect((await generate([])).data.equals(plain)).toBe(true);
  });

  it('merging a plain LoRA gives the unmerged image (to rounding) and unmerges cleanly', async () => {
    const plain = (await generate([])).data;
    const unmerged = (await generate([{ path: kohyaFile, weight: 0.8 }])).data;
    const merged = (await generate([{ path: kohyaFile, weight: 0.8 }], { mergeLoras: true })).data;
    const worst = merged.reduce((m, v, i) => Math.max(m, Math.abs(v - unmerged[i])), 0);
    expect(worst).toBeLessThanOrEqual(2);
    const after = (await generate([])).data;
    expect(after.reduce((m, v, i) => Math.max(m, Math.abs(v - plain[i])), 0)).toBeLessThanOrEqual(1);
  });

  it('merging a LoRA beside a StyleInject adapter with STA keeps spec section 5: the shared layers stay unmerged', async () => {
    const latentsOf = async (options: AdapterMixOptions) => {
      const mix = await applyAdapters(sd, [{ path: kohyaFile, weight: 0.8 }, { path: ourFile, weight: 1 }], options);
      try {
        const result = await txt2img(sd, { ...request, adapters: mix.session ?? undefined, returnLatents: true });
        return { latents: result.latents?.values ?? new Float32Array(), notes: mix.notes };
      } finally {
        mix.dispose();
      }
    };
    const unmerged = await latentsOf({});
    const merged = await latentsOf({ mergeLoras: true });
    expect(unmerged.notes).toEqual([]);
    // The kohya file adapts the attention projections the StyleInject adapter rescales: those stay attached, and say so.
    expect(merged.notes).toHaveLength(1);
    expect(merged.notes[0]).toMatch(/^lora: left unmerged on \d+ of \d+ layers, where a StyleInject adapter's STA also applies$/);
    const scale = unmerged.latents.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const worst = merged.latents.reduce((m, v, i) => Math.max(m, Math.abs(v - unmerged.latents[i])), 0);
    expect(scale).toBeGreaterThan(0.1);
    expect(worst).toBeLessThan(1e-4 * scale);
  });

  it('records router traces and names the adapters the way A1111 reads them', async () => {
    const { mix, result } = await generate([{ path: kohyaFile, weight: 0.5 }, { path: ourFile, weight: 0.7 }], { recordRoutes: true });
    expect(mix.promptSuffix).toBe(' <lora:lora:0.5>');
    expect(mix.infotext.map(([k]) => k)).toEqual(['Lora hashes', 'StyleInject']);
    const rows = result.routerTrace ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.step))).toEqual(new Set([0, 1, 2]));
    for (const row of rows.slice(0, 20)) expect(row.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('refuses NaN or infinite adapter weights naming the tensor, and an adapter weight that overflows sampling', async () => {
    const poisoned = join(dir, 'poisoned.safetensors');
    const reader = await SafetensorsReader.open(kohyaFile);
    const key = reader.keys().find((k) => k.endsWith('.lora_up.weight')) as string;
    const tensors = new Map(await Promise.all(reader.keys().map(async (k) => [k, { data: await reader.readFloat32(k), shape: reader.entry(k).shape }] as const)));
    await reader.close();
    (tensors.get(key) as { data: Float32Array }).data[0] = Number.NEGATIVE_INFINITY;
    await writeSafetensors(poisoned, tensors);
    const before = tf.memory().numTensors;
    await expect(applyAdapters(sd, [{ path: poisoned, weight: 1 }])).rejects.toThrow(new RegExp(`poisoned\\.safetensors: tensor '${key}': holds 1 NaN or infinite value`));
    expect(tf.memory().numTensors).toBe(before);

    await expect(generate([{ path: kohyaFile, weight: 1e38 }])).rejects.toThrow(/sampling produced NaN or infinite latents.*lower the adapter weights/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('styleinject generate blends both files and writes the router trace next to the image', async () => {
    const out = join(dir, 'mix.png');
    const run = await styleinject(
      ['generate', '--model', modelDir, '--prompt', 'a cat', '--steps', '2', '--width', '32', '--height', '32', '--adapter', `${kohyaFile}:0.8`, '--adapter', ourFile, '--trace-router', '--out', out],
      { STYLEINJECT_BACKEND: 'wasm' },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([out, join(dir, 'mix.router.json')]);
    const info = readInfotextFromPng(new Uint8Array(readFileSync(out)));
    expect(info?.prompt).toBe('a cat <lora:lora:0.8>');
    const trace = JSON.parse(readFileSync(join(dir, 'mix.router.json'), 'utf8')) as { rows: unknown[] };
    expect(trace.rows.length).toBeGreaterThan(0);
  });
});
