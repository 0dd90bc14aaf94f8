import { deflateSync } from 'node:zlib';
import { encodeChunk, PNG_SIGNATURE } from './chunks';
import { filterScanlines } from './filters';
import { encodeHeader } from './header';
import { encodeTextChunk, type PngTextEntry } from './text-chunks';

/** An 8-bit image, rows top to bottom, channels interleaved (RGBRGB... or RGBARGBA...). */
export interface Rgb8Image {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

export interface PngEncodeOptions {
  /** Text metadata, written in order before the image data (where A1111/Pillow put it). */
  text?: PngTextEntry[];
  /** zlib level 0-9; 6 is zlib's own balance of size and speed. */
  compressionLevel?: number;
}

const COLOR_TYPE = { 3: 2, 4: 6 } as const; // RGB, RGBA

/** A complete PNG file: signature, IHDR, text chunks, one IDAT, IEND. */
export function encodePng(image: Rgb8Image, options: PngEncodeOptions = {}): Uint8Array {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`PNG size must be positive integers, got ${width}x${height}`);
  }
  if (channels !== 3 && channels !== 4) throw new Error(`PNG writer handles 3 or 4 channels, got ${channels}`);
  if (data.length !== width * height * channels) {
    throw new Error(`PNG pixel data holds ${data.length} bytes, ${width}x${height}x${channels} needs ${width * height * channels}`);
  }
  const filtered = filterScanlines(data, height, width * channels, channels);
  const chunks = [
    encodeChunk({ type: 'IHDR', data: encodeHeader({ width, height, bitDepth: 8, colorType: COLOR_TYPE[channels], interlace: 0 }) }),
    ...(options.text ?? []).map((entry) => encodeChunk(encodeTextChunk(entry))),
    encodeChunk({ type: 'IDAT', data: deflateSync(filtered, { level: options.compressionLevel ?? 6 }) }),
    encodeChunk({ type: 'IEND', data: new Uint8Array(0) }),
  ];
  const out = new Uint8Array(PNG_SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(PNG_SIGNATURE, 0);
  let at = PNG_SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
