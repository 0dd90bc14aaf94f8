import * as tf from '@tensorflow/tfjs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src-main/engine/backend';
import { loadVae } from '../../../../src-main/engine/io/model-files';
import type { AutoencoderKL } from '../../../../src-main/engine/models/vae';
import { SeededGenerator } from '../../../../src-main/engine/random';
import {
  countingEncoder,
  imagesToVaeInput,
  LatentCache,
  loadDataset,
  loadItemPixels,
  sampleTrainingLatents,
  vaeLatentEncoder,
  vaeWeightsId,
  type Dataset,
} from '../../../../src-main/engine/training/data';
import { goldenDir } from '../../../parity/golden';
import { BLUE, gradientRaw, RED, tempFolder, twoToneRaw, writePng } from './test-images';

const TINY_VAE = join(goldenDir(), 'models', 'diffusers', 'vae');

let dir: string;
let cleanup: () => Promise<void>;
let vae: AutoencoderKL;
let vaeId: string;
let dataset: Dataset;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  ({ dir, cleanup } = await tempFolder('latents'));
  const loaded = await loadVae(TINY_VAE);
  vae = loaded.model;
  vaeId = await vaeWeightsId([loaded.source.file]);
  await writePng(join(dir, 'a.png'), twoToneRaw(24, 16, RED, BLUE));
  await writePng(join(dir, 'b.png'), gradientRaw(16, 16));
  dataset = await loadDataset({ folder: dir }, { resolution: 16 });
});
afterAll(async () => {
  vae?.dispose();
  await cleanup();
});

describe('LatentCache', () => {
  it('encodes each image once; a second run reads the cache without calling the VAE', async () => {
    expect(vaeId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const cacheDir = join(dir, 'cache-reuse');
    const first = countingEncoder(vaeLatentEncoder(vae, vaeId));
    const tensorsBefore = tf.memory().numTensors;
    await new LatentCache(cacheDir, first).warm(dataset.items, true);
    expect(first.calls).toBe(4); // 2 images x (plain, mirrored)
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.safetensors'))).toHaveLength(4);

    const second = countingEncoder(vaeLatentEncoder(vae, vaeId));
    const cache = new LatentCache(cacheDir, second);
    const cached = await cache.get(dataset.items[0], false);
    await cache.warm(dataset.items, true);
    expect(second.calls).toBe(0);

    // The cached values are the VAE's own mean/logvar for the cropped image.
    expect(cached.shape).toEqual([8, 8, 4]); // tiny VAE downscales by 2
    const input = imagesToVaeInput([await loadItemPixels(dataset.items[0], false)]);
    const direct = vae.encode(input);
    const wantMean = direct.mean.dataSync();
    const wantLogvar = direct.logvar.dataSync();
    tf.dispose([input, direct.mean, direct.logvar, direct.std]);
    expect(Array.from(cached.mean)).toEqual(Array.from(wantMean));
    expect(Array.from(cached.logvar)).toEqual(Array.from(wantLogvar));
    const mirrored = await cache.get(dataset.items[0], true);
    expect(Array.from(mirrored.mean)).not.toEqual(Array.from(cached.mean));
  });

  it('rebuilds a corrupt or foreign cache file, logging why', async () => {
    const cacheDir = join(dir, 'cache-corrupt');
    const encoder = countingEncoder(vaeLatentEncoder(vae, vaeId));
    const good = await new LatentCache(cacheDir, encoder).get(dataset.items[1], false);
    const [file] = await readdir(cacheDir);
    await writeFile(join(cacheDir, file), 'garbage, not safetensors');
    const log: string[] = [];
    const rebuilt = await new LatentCache(cacheDir, encoder, { log: (line) => log.push(line) }).get(dataset.items[1], false);
    expect(encoder.calls).toBe(2);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/unusable, re-encoding .*b\.png/);
    expect(Array.from(rebuilt.mean)).toEqual(Array.from(good.mean));
    // And the rebuilt file is good again.
    const again = countingEncoder(vaeLatentEncoder(vae, vaeId));
    await new LatentCache(cacheDir, again).get(dataset.items[1], false);
    expect(again.calls).toBe(0);
  });

  it('keys on the VAE: other weights never reuse these latents', async () => {
    const cacheDir = join(dir, 'cache-reuse');
    const other = countingEncoder(vaeLatentEncoder(vae, 'another-vae'));
    await new LatentCache(cacheDir, other).get(dataset.items[0], false);
    expect(other.calls).toBe(1);
  });

  it('samples scaled training latents: (mean + std * eps) * scaling_factor', async () => {
    const cache = new LatentCache(join(dir, 'cache-reuse'), vaeLatentEncoder(vae, vaeId));
    const batch = [await cache.get(dataset.items[0], false), await cache.get(dataset.items[1], false)];
    const before = tf.memory().numTensors;
    const latents = sampleTrainingLatents(batch, new SeededGenerator(3), vae.config.scaling_factor);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(latents.shape).toEqual([2, 8, 8, 4]);
    const eps = new SeededGenerator(3).normalArray(2 * 256);
    const got = latents.dataSync();
    for (const i of [0, 17, 255, 256, 300, 511]) {
      const b = Math.floor(i / 256);
      const j = i % 256;
      const want = (batch[b].mean[j] + Math.exp(0.5 * batch[b].logvar[j]) * eps[i]) * 0.18215;
      expect(got[i]).toBeCloseTo(want, 5);
    }
    latents.dispose();
  });
});
