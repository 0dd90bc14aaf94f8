import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, hammingDistance, ImageSkip } from '../../../src-main/studio/datasets';
import { blocks, pngClaiming } from './images';

const skipReason = (bytes: Buffer, maxPixels?: number) =>
  decodeImage(bytes, { maxPixels: maxPixels ?? 100_000_000, thumbnailSize: 256 }).then(
    () => 'decoded',
    (e: unknown) => (e instanceof ImageSkip ? e.message : `other: ${(e as Error).message}`),
  );

describe('decoding an image once', () => {
  it('applies EXIF orientation to the size and the thumbnail, which is WebP and at most 256 px', async () => {
    const sideways = await blocks(1, 400, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer(); // stored 400x200, shown turned a quarter
    const decoded = await decodeImage(sideways);
    expect(decoded).toMatchObject({ format: 'jpeg', width: 200, height: 400 });
    const thumb = await sharp(decoded.thumbnail).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 128, height: 256 });
  });

  it('never enlarges a small image for its thumbnail', async () => {
    const decoded = await decodeImage(await blocks(2, 100, 60).png().toBuffer());
    expect(await sharp(decoded.thumbnail).metadata()).toMatchObject({ width: 100, height: 60 });
  });

  it('gives near-identical hashes to a resized, recompressed copy and distant ones to another picture', async () => {
    const original = await decodeImage(await blocks(3).png().toBuffer());
    const copy = await decodeImage(await blocks(3).resize(320, 320).jpeg({ quality: 60 }).toBuffer());
    const other = await decodeImage(await blocks(4).png().toBuffer());
    expect(hammingDistance(original.dhash, copy.dhash)).toBeLessThanOrEqual(4);
    expect(hammingDistance(original.dhash, other.dhash)).toBeGreaterThan(16);
  });

  it('skips empty, broken, unsupported and bomb-sized files with a reason', async () => {
    expect(await skipReason(Buffer.alloc(0))).toBe('an empty file (0 bytes)');
    const png = await blocks(5).png().toBuffer();
    expect(await skipReason(png.subarray(0, png.length >> 1))).toMatch(/^a broken or truncated image/);
    expect(await skipReason(Buffer.from('hello, not an image'))).toMatch(/^not a readable image/);
    expect(await skipReason(await blocks(6, 32, 32).gif().toBuffer())).toBe('an image in gif format: import PNG, JPEG or WebP');
    expect(await skipReason(pngClaiming(30_000, 30_000))).toBe('30000x30000 pixels, above the 100 megapixel limit that guards against decompression bombs');
    expect(await skipReason(await blocks(7, 300, 300).png().toBuffer(), 50_000)).toMatch(/300x300 pixels, above the 0.05 megapixel limit/);
  });
});
