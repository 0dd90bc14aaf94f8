import { hostIsLittleEndian, swapWordBytes } from './byte-order';
import { bfloat16ArrayToFloat32, bytesPerElement, float16ArrayToFloat32, type SafetensorsDtype } from './dtypes';

/**
 * Converts one tensor's raw little-endian bytes to float32. The caller gives `raw` up: it may
 * be byte-swapped in place, and F32 data comes back as a view of it without a copy.
 */
export function decodeToFloat32(raw: Uint8Array, dtype: SafetensorsDtype): Float32Array {
  const width = bytesPerElement(dtype);
  if (raw.byteLength % width !== 0) throw new Error(`${dtype} data of ${raw.byteLength} bytes is not a whole number of elements`);
  // Typed-array views need aligned offsets; copy the rare unaligned input rather than fail.
  const bytes = raw.byteOffset % width === 0 ? raw : raw.slice();
  if (!hostIsLittleEndian && width > 1) swapWordBytes(bytes, width);
  const { buffer, byteOffset } = bytes;
  const count = bytes.byteLength / width;
  switch (dtype) {
    case 'F32':
      return new Float32Array(buffer, byteOffset, count);
    case 'F64':
      return Float32Array.from(new Float64Array(buffer, byteOffset, count));
    case 'F16':
      return float16ArrayToFloat32(new Uint16Array(buffer, byteOffset, count));
    case 'BF16':
      return bfloat16ArrayToFloat32(new Uint16Array(buffer, byteOffset, count));
    case 'I64':
      return int64ToFloat32(new BigInt64Array(buffer, byteOffset, count));
    case 'I32':
      return Float32Array.from(new Int32Array(buffer, byteOffset, count));
    case 'I16':
      return Float32Array.from(new Int16Array(buffer, byteOffset, count));
    case 'I8':
      return Float32Array.from(new Int8Array(buffer, byteOffset, count));
    case 'U8':
      return Float32Array.from(bytes);
    case 'BOOL':
      return Float32Array.from(bytes, (b) => (b !== 0 ? 1 : 0));
  }
}

function int64ToFloat32(values: BigInt64Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  return out;
}
