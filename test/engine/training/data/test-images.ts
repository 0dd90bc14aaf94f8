import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

/** A fresh temp folder and a way to remove it. */
export async function tempFolder(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `styleinject-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Left half `left`, right half `right`, as RGB8 raw input for sharp. */
export function twoToneRaw(width: number, height: number, left: number[], right: number[]): sharp.Sharp {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(x < width / 2 ? left : right, (y * width + x) * 3);
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

/** A smooth RGB gradient (so resizes and crops are visible in the pixels). */
export function gradientRaw(width: number, height: number): sharp.Sharp {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([Math.round((255 * x) / width), Math.round((255 * y) / height), 128], (y * width + x) * 3);
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

export async function writePng(path: string, image: sharp.Sharp): Promise<string> {
  await writeFile(path, await image.png().toBuffer());
  return path;
}

export const RED = [220, 20, 20];
export const BLUE = [20, 20, 220];
