import { describe, expect, it } from 'vitest';
import { encodePng, readChunks, readPngMetadata, type Rgb8Image } from '../../../../src-main/engine/io/png';
import { decodeReferencePng } from './reference-png-decoder';

/** A deterministic image with flat areas, gradients and noise so that every filter type wins somewhere. */
function testImage(width: number, height: number, channels: 3 | 4): Rgb8Image {
  const data = new Uint8Array(width * height * channels);
  let state = 12345;
  const noise = () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 24);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const band = Math.floor(y / 8) % 4;
      data[i] = band === 0 ? 40 : band === 1 ? x * 4 : band === 2 ? noise() : (x + y) * 3;
      data[i + 1] = band === 3 ? y * 5 : (x * y) & 0xff;
      data[i + 2] = band === 2 ? noise() : 200;
      if (channels === 4) data[i + 3] = (x * 9) & 0xff;
    }
  }
  return { width, height, channels, data };
}

describe('PNG writer', () => {
  it.each([3, 4] as const)('writes a valid %i-channel PNG that an independent decoder reads back exactly', (channels) => {
    const image = testImage(37, 40, channels);
    const png = encodePng(image);
    const decoded = decodeReferencePng(png);
    expect(decoded).toMatchObject({ width: 37, height: 40, channels });
    expect(decoded.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(image.data))).toBe(true);
    expect(new Set(decoded.filterTypes).size).toBeGreaterThan(1);
    expect(readPngMetadata(png).header).toEqual({ width: 37, height: 40, bitDepth: 8, colorType: channels === 3 ? 2 : 6, interlace: 0 });
  });

  it('writes a 1x1 image and places text chunks between IHDR and IDAT', () => {
    const png = encodePng({ width: 1, height: 1, channels: 3, data: Uint8Array.of(255, 0, 128) }, { text: [{ keyword: 'Comment', text: 'hi' }] });
    const decoded = decodeReferencePng(png);
    expect(Array.from(decoded.pixels)).toEqual([255, 0, 128]);
    expect(decoded.chunkTypes).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
  });

  it('rejects pixel buffers that do not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(/needs 12/);
    expect(() => encodePng({ width: 0, height: 2, channels: 3, data: new Uint8Array(0) })).toThrow(/positive/);
  });

  it('reports corrupted or truncated files when reading', () => {
    const png = encodePng(testImage(8, 8, 3));
    const corrupted = png.slice();
    corrupted[20] ^= 0xff; // inside IHDR's data
    expect(() => readChunks(corrupted)).toThrow(/bad CRC/);
    expect(() => readChunks(png.subarray(0, png.length - 12))).toThrow(/IEND/);
    expect(() => readChunks(Uint8Array.of(1, 2, 3))).toThrow(/signature/);
  });
});
