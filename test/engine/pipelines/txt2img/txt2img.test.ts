import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src-main/engine/backend';
import { loadStableDiffusion, type StableDiffusion } from '../../../../src-main/engine/pipelines/stable-diffusion';
import { GenerationCancelled, txt2img } from '../../../../src-main/engine/pipelines/txt2img';
import { goldenDir } from '../../../parity/golden';

// The tiny golden diffusers folder (SD 1.5's architecture and key names, random weights).
const modelDir = join(goldenDir(), 'models', 'diffusers');
const small = { steps: 3, width: 32, height: 24, seed: 11 } as const;

describe('txt2img on the tiny golden model', () => {
  let sd: StableDiffusion;

  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
    sd = await loadStableDiffusion(modelDir);
  });
  afterAll(() => sd?.dispose());

  it('makes images of the asked size, with A1111 settings', async () => {
    const result = await txt2img(sd, { ...small, prompt: 'a (red:1.3) square', negativePrompt: 'blurry', sampler: 'euler_a' });
    expect(result.images).toHaveLength(1);
    const [image] = result.images;
    expect([image.width, image.height, image.channels]).toEqual([32, 24, 3]);
    expect(image.data.length).toBe(32 * 24 * 3);
    expect(new Set(image.data).size).toBeGreaterThan(10); // a real picture, not a flat fill
    expect(result.settings).toMatchObject({ steps: 3, sampler: 'Euler a', cfgScale: 7.5, seed: 11, width: 32, height: 24, model: 'diffusers' });
    expect(result.settings.modelHash).toMatch(/^[0-9a-f]{10}$/);
  });

  it('gives the same image for the same seed and another for another seed', async () => {
    const a = await txt2img(sd, { ...small, prompt: 'stripes' });
    const b = await txt2img(sd, { ...small, prompt: 'stripes' });
    const c = await txt2img(sd, { ...small, prompt: 'stripes', seed: 12 });
    expect(Buffer.from(b.images[0].data).equals(Buffer.from(a.images[0].data))).toBe(true);
    expect(Buffer.from(c.images[0].data).equals(Buffer.from(a.images[0].data))).toBe(false);
  });

  it('image i of a batch equals a single generation with seed + i (ancestral noise included)', async () => {
    const batch = await txt2img(sd, { ...small, prompt: 'dots', batch: 2, sampler: 'euler_a' });
    const second = await txt2img(sd, { ...small, prompt: 'dots', seed: small.seed + 1, sampler: 'euler_a' });
    expect(batch.seeds).toEqual([11, 12]);
    const diff = batch.images[1].data.reduce((m, v, i) => Math.max(m, Math.abs(v - second.images[0].data[i])), 0);
    expect(diff).toBeLessThanOrEqual(1); // batched matmuls may round differently by one level
  });

  it('keeps the tensor count flat across steps and frees everything afterwards', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await txt2img(sd, { ...small, steps: 6, prompt: 'a long walk', sampler: 'dpmpp_2m_karras', onProgress: () => counts.push(tf.memory().numTensors) });
    expect(counts).toHaveLength(6);
    // DPM++ 2M keeps one previous model output from step 2 on; after that nothing grows.
    expect(new Set(counts.slice(2)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs without guidance at CFG 1 and with every sampler', async () => {
    for (const sampler of ['ddim', 'euler', 'euler_a', 'dpmpp_2m', 'dpmpp_2m_karras'] as const) {
      const r = await txt2img(sd, { ...small, steps: 2, prompt: 'x', cfgScale: 1, sampler });
      expect(r.images[0].data.length).toBe(32 * 24 * 3);
    }
  });

  it('stops between steps when cancelled, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = txt2img(sd, {
      ...small,
      steps: 10,
      prompt: 'cancel me',
      signal: controller.signal,
      onProgress: (p) => p.step === 2 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(GenerationCancelled);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad settings before any work', async () => {
    await expect(txt2img(sd, { ...small, prompt: 'x', width: 36 })).rejects.toThrow(/width must be a multiple of 8/);
    await expect(txt2img(sd, { ...small, prompt: 'x', steps: 0 })).rejects.toThrow(/steps must be a positive integer/);
    await expect(txt2img(sd, { ...small, prompt: 'x', clipSkip: 9 })).rejects.toThrow(/clip skip 9 exceeds/);
  });

  it('encodes a prompt longer than 75 tokens whole', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const r = await txt2img(sd, { ...small, steps: 1, prompt: long });
    expect(r.images).toHaveLength(1);
  });
});
