import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A deterministic 32-bit generator (mulberry32), so test pictures are the same on every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A picture of random coloured blocks (12 x 12) that depends only on `seed`: different seeds
 * look unrelated to a perceptual hash, the same seed at another size or quality looks the same.
 */
export function blocks(seed: number, width = 640, height = 640): sharp.Sharp {
  const random = generator(seed);
  const grid = 12;
  const cells = Array.from({ length: grid * grid }, () => [random() * 255, random() * 255, random() * 255]);
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = cells[Math.floor((y * grid) / height) * grid + Math.floor((x * grid) / width)];
      data.set(cell.map(Math.round), (y * width + x) * 3);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

export async function writePng(path: string, image: sharp.Sharp): Promise<string> {
  writeFileSync(path, await image.png().toBuffer());
  return path;
}

export async function writeJpeg(path: string, image: sharp.Sharp, quality = 90): Promise<string> {
  writeFileSync(path, await image.jpeg({ quality }).toBuffer());
  return path;
}

/**
 * A real, tiny PNG whose header claims `width` x `height` pixels (a decompression bomb's
 * shape): the pixel cap must stop it before any row is decoded.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
