import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { SafetensorsReader, writeSafetensors, type TensorToWrite } from '../../../../src-main/engine/io/safetensors';
import { SeededGenerator } from '../../../../src-main/engine/random';
import { goldenDir } from '../../../parity/golden';

/** The tiny golden diffusers folder (GOLDEN_DIR or ../shared/golden). */
export const TINY_MODEL = join(goldenDir(), 'models', 'diffusers');

/** A fresh temp folder and a way to remove it. */
export async function tempFolder(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `styleinject-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Horizontal stripes of `colours`, `band` pixels high each, as a PNG. */
async function stripesPng(size: number, colours: number[][], band: number): Promise<Buffer> {
  const data = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    const colour = colours[Math.floor(y / band) % colours.length];
    for (let x = 0; x < size; x++) data.set(colour, (y * size + x) * 3);
  }
  return sharp(data, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
}

/**
 * A tiny style dataset: `count` images of warm orange/red stripes (varying band widths, one flat)
 * with .txt captions, in `folder`. A consistent look the adapter can learn.
 */
export async function writeStripesDataset(folder: string, count: number, size: number): Promise<string> {
  await mkdir(folder, { recursive: true });
  const palette = [
    [240, 120, 20],
    [200, 30, 30],
  ];
  for (let i = 0; i < count; i++) {
    const band = i === 0 ? size : 2 + (i % 3) * 2;
    await writeFile(join(folder, `img${i}.png`), await stripesPng(size, palette, band));
    await writeFile(join(folder, `img${i}.txt`), i === 0 ? 'orange, flat' : 'orange, red, stripes');
  }
  return folder;
}

/** A "community checkpoint": the tiny single file with every UNet weight scaled by (1 + 0.15 n), n ~ N(0, 1), seeded. */
export async function writePerturbedTeacher(path: string): Promise<void> {
  const reader = await SafetensorsReader.open(join(goldenDir(), 'models', 'sd15_tiny_single_file.safetensors'));
  const g = new SeededGenerator(9);
  const tensors = new Map<string, TensorToWrite>();
  for (const key of reader.keys()) {
    const { shape, dtype } = reader.entry(key);
    if (dtype !== 'F32') continue; // position ids and other integer buffers are not needed by the UNet
    const data = await reader.readFloat32(key);
    if (key.startsWith('model.diffusion_model.')) data.forEach((v, i) => (data[i] = v * (1 + 0.15 * g.normalArray(1)[0])));
    tensors.set(key, { data, shape });
  }
  await reader.close();
  await writeSafetensors(path, tensors);
}
