import { hostIsLittleEndian, swapWordBytes } from './byte-order';
import { float32ArrayToFloat16Bits } from './dtypes';

export type WritableDtype = 'F32' | 'F16';

// Elements converted per chunk: bounds the extra memory while writing a huge tensor.
const CHUNK_ELEMENTS = 1 << 20;

/**
 * Yields a tensor's little-endian bytes in the requested dtype, one bounded chunk at a time.
 * F32 on a little-endian host is a view of the caller's array (no copy).
 */
export function* encodeChunks(data: Float32Array, dtype: WritableDtype): Generator<Uint8Array> {
  for (let start = 0; start < data.length; start += CHUNK_ELEMENTS) {
    const part = data.subarray(start, Math.min(data.length, start + CHUNK_ELEMENTS));
    const words = dtype === 'F16' ? float32ArrayToFloat16Bits(part) : part;
    const bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
    if (hostIsLittleEndian) {
      yield bytes;
    } else {
      const copy = bytes.slice();
      swapWordBytes(copy, words.BYTES_PER_ELEMENT);
      yield copy;
    }
  }
}
