/** The element types a safetensors file may declare that the engine can read. */
export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

const BYTES_PER_ELEMENT: Readonly<Record<SafetensorsDtype, number>> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

export function isSafetensorsDtype(value: unknown): value is SafetensorsDtype {
  return typeof value === 'string' && Object.hasOwn(BYTES_PER_ELEMENT, value);
}

export function bytesPerElement(dtype: SafetensorsDtype): number {
  return BYTES_PER_ELEMENT[dtype];
}

// One shared scratch word for bit-casting single values between float32 and uint32.
const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

export function float32ToBits(value: number): number {
  scratchF32[0] = value;
  return scratchU32[0];
}

export function bitsToFloat32(bits: number): number {
  scratchU32[0] = bits >>> 0;
  return scratchF32[0];
}

/** The float32 bit pattern of one IEEE half, built from fields so it is exact for all 65536 inputs. */
function float16BitsToFloat32Bits(half: number): number {
  const sign = (half & 0x8000) << 16;
  const exponent = (half >>> 10) & 0x1f;
  let mantissa = half & 0x3ff;
  if (exponent === 0x1f) return (sign | 0x7f800000 | (mantissa << 13)) >>> 0; // inf / nan (payload kept)
  if (exponent !== 0) return (sign | ((exponent + 112) << 23) | (mantissa << 13)) >>> 0;
  if (mantissa === 0) return sign >>> 0; // signed zero
  // Subnormal half: shift the mantissa up until its leading 1 becomes the implicit bit.
  let shifts = 0;
  while ((mantissa & 0x400) === 0) {
    mantissa <<= 1;
    shifts++;
  }
  return (sign | ((113 - shifts) << 23) | ((mantissa & 0x3ff) << 13)) >>> 0;
}

let float16Table: Float32Array | null = null;

/** A 256 KiB table from every half bit pattern to its float32 value, built on first use. */
function float16ToFloat32Table(): Float32Array {
  if (!float16Table) {
    const table = new Float32Array(65536);
    const bits = new Uint32Array(table.buffer);
    for (let h = 0; h < 65536; h++) bits[h] = float16BitsToFloat32Bits(h);
    float16Table = table;
  }
  return float16Table;
}

export function float16BitsToFloat32(half: number): number {
  return float16ToFloat32Table()[half & 0xffff];
}

/**
 * Converts many halves at once (the hot path when loading fp16 checkpoints). Copies bit
 * patterns as integers: a float copy may quiet signalling NaNs depending on the JIT tier.
 */
export function float16ArrayToFloat32(halves: Uint16Array, out = new Float32Array(halves.length)): Float32Array {
  const tableBits = new Uint32Array(float16ToFloat32Table().buffer);
  const outBits = new Uint32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < halves.length; i++) outBits[i] = tableBits[halves[i]];
  return out;
}

/**
 * The half nearest to a float32 value, ties to even; overflow gives infinity and NaN stays
 * NaN. A float64 argument is first rounded to float32 (the writer only ever has float32).
 */
export function float32ToFloat16Bits(value: number): number {
  const bits = float32ToBits(value);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 | (mantissa >>> 13) : 0);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent > 0) return sign | roundShiftRightEven((halfExponent << 23) | mantissa, 13);
  // Below 2^-25 everything (even float32 subnormals) rounds to zero.
  if (halfExponent < -10) return sign;
  // Half subnormal: the implicit bit becomes explicit and the value is shifted into 10 bits.
  return sign | roundShiftRightEven(mantissa | 0x800000, 14 - halfExponent);
}

/** value >> shift, rounded to nearest with ties to even; a carry may ripple into the exponent. */
function roundShiftRightEven(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  return rest > halfway || (rest === halfway && (kept & 1) === 1) ? kept + 1 : kept;
}

export function float32ArrayToFloat16Bits(values: Float32Array, out = new Uint16Array(values.length)): Uint16Array {
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i]);
  return out;
}

/** bfloat16 is the top half of a float32, so widening is a shift and exact for every pattern. */
export function bfloat16BitsToFloat32(bf16: number): number {
  return bitsToFloat32((bf16 & 0xffff) << 16);
}

export function bfloat16ArrayToFloat32(halves: Uint16Array, out = new Float32Array(halves.length)): Float32Array {
  const outBits = new Uint32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < halves.length; i++) outBits[i] = halves[i] << 16;
  return out;
}

/** The bfloat16 nearest to a float32 value, ties to even; NaN stays a (quiet) NaN. */
export function float32ToBfloat16Bits(value: number): number {
  const bits = float32ToBits(value);
  if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0) return (bits >>> 16) | 0x40;
  return roundShiftRightEven(bits, 16) & 0xffff;
}
