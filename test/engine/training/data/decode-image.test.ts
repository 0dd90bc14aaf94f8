import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centreCoverCrop, decodeCropped, probeImage } from '../../../../src-main/engine/training/data';
import { BLUE, RED, tempFolder, twoToneRaw } from './test-images';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempFolder('decode')));
afterAll(() => cleanup());

const pixel = (img: { data: Uint8Array; width: number }, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
const near = (got: number[], want: number[], tol: number) => got.every((v, i) => Math.abs(v - want[i]) <= tol);

describe('decoding training images', () => {
  it('applies EXIF orientation (JPEG stored sideways)', async () => {
    // Stored 20x10, red left / blue right; orientation 6 = display rotated 90 degrees clockwise.
    const bytes = await twoToneRaw(20, 10, RED, BLUE).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    expect(await probeImage(bytes)).toEqual({ width: 10, height: 20 });
    const img = await decodeCropped(bytes, centreCoverCrop({ width: 10, height: 20 }, { width: 10, height: 20 }), false);
    expect(near(pixel(img, 5, 2), RED, 40)).toBe(true);
    expect(near(pixel(img, 5, 17), BLUE, 40)).toBe(true);
  });

  it('flattens transparency onto white', async () => {
    const rgba = Buffer.alloc(4 * 4 * 4);
    for (let i = 0; i < 16; i++) rgba.set(i < 8 ? [255, 0, 0, 0] : [0, 0, 255, 255], i * 4); // top half fully transparent red
    const bytes = await sharp(rgba, { raw: { width: 4, height: 4, channels: 4 } }).png().toBuffer();
    const img = await decodeCropped(bytes, centreCoverCrop({ width: 4, height: 4 }, { width: 4, height: 4 }), false);
    expect(pixel(img, 1, 0)).toEqual([255, 255, 255]);
    expect(pixel(img, 1, 3)).toEqual([0, 0, 255]);
  });

  it('converts 16-bit, greyscale and CMYK sources to 8-bit RGB', async () => {
    const sixteen = await twoToneRaw(8, 8, RED, BLUE).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(sixteen).metadata()).depth).toBe('ushort');
    const grey = await twoToneRaw(8, 8, [200, 200, 200], [50, 50, 50]).toColourspace('b-w').png().toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    const cmyk = await twoToneRaw(8, 8, RED, BLUE).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const crop = centreCoverCrop({ width: 8, height: 8 }, { width: 8, height: 8 });
    const [a, b, c] = await Promise.all([sixteen, grey, cmyk].map((bytes) => decodeCropped(bytes, crop, false)));
    for (const img of [a, b, c]) expect(img.data.length).toBe(8 * 8 * 3);
    expect(near(pixel(a, 1, 1), RED, 2)).toBe(true);
    expect(near(pixel(b, 1, 1), [200, 200, 200], 2)).toBe(true);
    // CMYK has a smaller gamut: only check each half keeps its dominant channel.
    const [r1, g1, b1] = pixel(c, 1, 1);
    const [r2, g2, b2] = pixel(c, 6, 6);
    expect(r1 > g1 + 80 && r1 > b1 + 80).toBe(true);
    expect(b2 > r2 + 80 && b2 > g2 + 30).toBe(true);
  });

  it('cover-resizes, centre-crops and flips', async () => {
    // 40x20 -> cover 16x16: resized to 32x16, window x in [8, 24): red left half, blue right half.
    const crop = centreCoverCrop({ width: 40, height: 20 }, { width: 16, height: 16 });
    expect(crop).toEqual({ resizedWidth: 32, resizedHeight: 16, left: 8, top: 0, width: 16, height: 16 });
    const bytes = await twoToneRaw(40, 20, RED, BLUE).png().toBuffer();
    const img = await decodeCropped(bytes, crop, false);
    expect([img.width, img.height]).toEqual([16, 16]);
    expect(near(pixel(img, 1, 8), RED, 3)).toBe(true);
    expect(near(pixel(img, 14, 8), BLUE, 3)).toBe(true);
    const flipped = await decodeCropped(bytes, crop, true);
    expect(pixel(flipped, 14, 8)).toEqual(pixel(img, 1, 8));
  });

  it('rejects empty, truncated and non-image files with a reason', async () => {
    const good = await twoToneRaw(64, 64, RED, BLUE).png().toBuffer();
    await expect(probeImage(new Uint8Array(0))).rejects.toThrow(/empty file/);
    await expect(probeImage(good.subarray(0, Math.floor(good.length / 2)))).rejects.toThrow();
    await expect(probeImage(new TextEncoder().encode('not an image at all'))).rejects.toThrow(/unsupported image format/);
    const jpeg = await twoToneRaw(64, 64, RED, BLUE).jpeg().toBuffer();
    await writeFile(join(dir, 'cut.jpg'), jpeg.subarray(0, jpeg.length - 200));
    await expect(probeImage(await readFile(join(dir, 'cut.jpg')))).rejects.toThrow();
  });
});
