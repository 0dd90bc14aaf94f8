import * as tf from '@tensorflow/tfjs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SafetensorsReader, writeSafetensors } from '../../io/safetensors';
import { loadItemPixels, type DatasetItem } from './dataset';
import { describeLatentKey, latentKey, type LatentKeyParts } from './latent-cache-key';
import type { LatentEncoder } from './latent-encoder';
import { imagesToVaeInput } from './pixels-to-tensor';

/** One image's latent distribution, (h, w, C) each, unscaled (as the VAE gives it). */
export interface CachedLatents {
  mean: Float32Array;
  logvar: Float32Array;
  shape: [number, number, number];
}

export interface LatentCacheOptions {
  /** Receives one line per rebuilt (corrupt or mismatched) cache file. */
  log?: (line: string) => void;
}

const KEY_METADATA = 'styleinject.latent_key';

/**
 * VAE latents of training images, encoded once and kept on disk as safetensors named by a
 * hash of (image bytes, crop, flip, VAE weights). A file that cannot be read or does not
 * match is logged and rebuilt; writes are atomic, so a killed run leaves no half files.
 */
export class LatentCache {
  private readonly log: (line: string) => void;

  constructor(
    readonly dir: string,
    private readonly encoder: LatentEncoder,
    options: LatentCacheOptions = {},
  ) {
    this.log = options.log ?? (() => undefined);
  }

  /** The item's latents, from disk when a valid entry exists, else encoded and stored. */
  async get(item: DatasetItem, flip: boolean): Promise<CachedLatents> {
    const parts: LatentKeyParts = { imageHash: item.contentHash, crop: item.crop, flip, vaeId: this.encoder.id };
    const path = join(this.dir, `${latentKey(parts)}.safetensors`);
    const expectedShape = this.latentShape(item);
    try {
      return await readEntry(path, describeLatentKey(parts), expectedShape);
    } catch (error) {
      if ((error as { cause?: NodeJS.ErrnoException }).cause?.code !== 'ENOENT') {
        this.log(`latent cache: ${path}: unusable, re-encoding ${item.image} (${(error as Error).message})`);
      }
    }
    const latents = await this.encode(item, flip, expectedShape);
    await mkdir(this.dir, { recursive: true });
    const shape = [...latents.shape];
    await writeSafetensors(
      path,
      { mean: { data: latents.mean, shape }, logvar: { data: latents.logvar, shape } },
      { metadata: { [KEY_METADATA]: describeLatentKey(parts), image: item.image } },
    );
    return latents;
  }

  /** Fills the cache for every item (and its mirror when flips are on), e.g. before training starts. */
  async warm(items: readonly DatasetItem[], flips: boolean, onProgress?: (done: number, total: number) => void): Promise<void> {
    const variants = flips ? [false, true] : [false];
    const total = items.length * variants.length;
    let done = 0;
    for (const item of items) {
      for (const flip of variants) {
        await this.get(item, flip);
        onProgress?.(++done, total);
      }
    }
  }

  private latentShape(item: DatasetItem): [number, number, number] {
    const f = this.encoder.downscale;
    if (item.size.width % f !== 0 || item.size.height % f !== 0) {
      throw new Error(`latent cache: training size ${item.size.width}x${item.size.height} is not divisible by the VAE's downscale ${f}`);
    }
    return [item.size.height / f, item.size.width / f, -1];
  }

  private async encode(item: DatasetItem, flip: boolean, expected: [number, number, number]): Promise<CachedLatents> {
    const pixels = await loadItemPixels(item, flip);
    const input = imagesToVaeInput([pixels]);
    const { mean, logvar } = this.encoder.encode(input);
    input.dispose();
    try {
      const [, h, w, c] = mean.shape; // (1, h, w, C)
      if (h !== expected[0] || w !== expected[1]) throw new Error(`latent cache: encoder gave ${h}x${w} latents, expected ${expected[0]}x${expected[1]}`);
      return { mean: (await mean.data()) as Float32Array, logvar: (await logvar.data()) as Float32Array, shape: [h, w, c] };
    } finally {
      tf.dispose([mean, logvar]);
    }
  }
}

/** Reads and checks one entry; any problem throws (ENOENT in the cause when there is no file). */
async function readEntry(path: string, description: string, expected: [number, number, number]): Promise<CachedLatents> {
  const reader = await SafetensorsReader.open(path);
  try {
    if (reader.metadata[KEY_METADATA] !== description) throw new Error('its key metadata does not match this image, crop and VAE');
    const shape = reader.entry('mean').shape;
    const logvarShape = reader.entry('logvar').shape;
    const fits = shape.length === 3 && shape[0] === expected[0] && shape[1] === expected[1] && shape[2] > 0;
    if (!fits || !tf.util.arraysEqual(shape, logvarShape)) {
      throw new Error(`shapes [${shape}] / [${logvarShape}] do not fit ${expected[0]}x${expected[1]} latents`);
    }
    const mean = await reader.readFloat32('mean');
    const logvar = await reader.readFloat32('logvar');
    if (!mean.every(Number.isFinite) || !logvar.every(Number.isFinite)) throw new Error('holds non-finite values');
    return { mean, logvar, shape: shape as [number, number, number] };
  } finally {
    await reader.close();
  }
}
