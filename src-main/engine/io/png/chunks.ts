import { crc32 } from './crc32';

/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export interface PngChunk {
  /** Four ASCII letters, e.g. 'IHDR', 'tEXt'. */
  type: string;
  data: Uint8Array;
}

/** length (4, big-endian) + type (4) + data + CRC of type and data (4). */
export function encodeChunk(chunk: PngChunk): Uint8Array {
  if (!/^[A-Za-z]{4}$/.test(chunk.type)) throw new Error(`PNG chunk type must be four ASCII letters, got '${chunk.type}'`);
  const out = new Uint8Array(12 + chunk.data.length);
  const view = new DataView(out.buffer);
  const type = new TextEncoder().encode(chunk.type);
  view.setUint32(0, chunk.data.length);
  out.set(type, 4);
  out.set(chunk.data, 8);
  view.setUint32(8 + chunk.data.length, crc32(type, chunk.data));
  return out;
}

/**
 * Splits a PNG into its chunks up to IEND, checking the signature, every length and every CRC,
 * so that a truncated or corrupted file fails loudly instead of yielding partial metadata.
 */
export function readChunks(png: Uint8Array): PngChunk[] {
  if (png.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => png[i] !== b)) {
    throw new Error('not a PNG file (bad signature)');
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= png.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error(`PNG chunk at byte ${offset} runs past the end of the file`);
    const typeBytes = png.subarray(offset + 4, offset + 8);
    const type = String.fromCharCode(...typeBytes);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (crc32(typeBytes, data) !== view.getUint32(offset + 8 + length)) {
      throw new Error(`PNG chunk '${type}' at byte ${offset} has a bad CRC`);
    }
    chunks.push({ type, data });
    if (type === 'IEND') return chunks;
    offset = end;
  }
  throw new Error('PNG file ends without an IEND chunk');
}
