import { describe, expect, it } from 'vitest';
import {
  bfloat16ArrayToFloat32,
  bfloat16BitsToFloat32,
  bitsToFloat32,
  float16ArrayToFloat32,
  float16BitsToFloat32,
  float32ArrayToFloat16Bits,
  float32ToBfloat16Bits,
  float32ToBits,
  float32ToFloat16Bits,
} from '../../../../src-main/engine/io/safetensors';

/** The IEEE half value by its definition, computed in float64 independently of the table. */
function halfByDefinition(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

const allHalves = Uint16Array.from({ length: 65536 }, (_, i) => i);

describe('float16', () => {
  it('widens all 65536 bit patterns exactly (zeros, subnormals, inf, nan)', () => {
    const table = float16ArrayToFloat32(allHalves);
    const tableBits = new Uint32Array(table.buffer); // NaN payloads survive only in memory, not in JS numbers
    for (let h = 0; h < 65536; h++) {
      const want = halfByDefinition(h);
      if (Number.isNaN(want)) {
        expect(Number.isNaN(table[h]), `half 0x${h.toString(16)}`).toBe(true);
        expect((tableBits[h] >>> 13) & 0x3ff, 'payload kept').toBe(h & 0x3ff);
      } else {
        expect(Object.is(table[h], want), `half 0x${h.toString(16)}: ${table[h]} vs ${want}`).toBe(true);
      }
      if (h % 4099 === 0) expect(Object.is(float16BitsToFloat32(h), table[h])).toBe(true);
    }
  });

  it('narrows every half value back to its own bits', () => {
    const back = float32ArrayToFloat16Bits(float16ArrayToFloat32(allHalves));
    for (let h = 0; h < 65536; h++) {
      if (Number.isNaN(halfByDefinition(h))) expect((back[h] & 0x7c00) === 0x7c00 && (back[h] & 0x3ff) !== 0).toBe(true);
      else expect(back[h], `half 0x${h.toString(16)}`).toBe(h);
    }
  });

  it('rounds to nearest with ties to even, between every pair of neighbouring halves', () => {
    for (let h = 0; h < 0x7bff; h++) {
      const low = halfByDefinition(h);
      const high = halfByDefinition(h + 1);
      const middle = (low + high) / 2; // exact in float32: halves have 11 significant bits
      const even = h % 2 === 0 ? h : h + 1;
      expect(float32ToFloat16Bits(middle), `tie above 0x${h.toString(16)}`).toBe(even);
      expect(float32ToFloat16Bits(-middle)).toBe(0x8000 | even);
      const justAbove = bitsToFloat32(float32ToBits(middle) + 1);
      const justBelow = bitsToFloat32(float32ToBits(middle) - 1);
      expect(float32ToFloat16Bits(justAbove)).toBe(h + 1);
      expect(float32ToFloat16Bits(justBelow)).toBe(h);
    }
  });

  it('overflows to infinity and flushes tiny values to signed zero', () => {
    expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
    expect(float32ToFloat16Bits(65519.99)).toBe(0x7bff);
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00); // the tie rounds to even: infinity
    expect(float32ToFloat16Bits(-1e9)).toBe(0xfc00);
    expect(float32ToFloat16Bits(2 ** -25)).toBe(0); // tie between 0 and the smallest subnormal
    expect(float32ToFloat16Bits(2 ** -25 * 1.0001)).toBe(1);
    expect(float32ToFloat16Bits(-1e-30)).toBe(0x8000);
    expect(float32ToFloat16Bits(1e-45)).toBe(0); // float32 subnormal
  });
});

describe('bfloat16', () => {
  it('widens all 65536 bit patterns exactly', () => {
    const widened = bfloat16ArrayToFloat32(allHalves);
    const widenedBits = new Uint32Array(widened.buffer);
    for (let h = 0; h < 65536; h++) {
      expect(widenedBits[h], `bf16 0x${h.toString(16)}`).toBe(h * 65536);
      if (h % 4099 === 0) expect(Object.is(bfloat16BitsToFloat32(h), widened[h]) || Number.isNaN(widened[h])).toBe(true);
    }
  });

  it('narrows with ties to even and keeps NaN a NaN', () => {
    expect(float32ToBfloat16Bits(1)).toBe(0x3f80);
    expect(float32ToBfloat16Bits(bitsToFloat32(0x3f808000))).toBe(0x3f80); // tie, even below
    expect(float32ToBfloat16Bits(bitsToFloat32(0x3f818000))).toBe(0x3f82); // tie, even above
    expect(float32ToBfloat16Bits(bitsToFloat32(0x3f808001))).toBe(0x3f81);
    expect(float32ToBfloat16Bits(bitsToFloat32(0x7f7fffff))).toBe(0x7f80); // max float rounds to inf
    const nan = float32ToBfloat16Bits(bitsToFloat32(0x7f800001));
    expect(Number.isNaN(bfloat16BitsToFloat32(nan))).toBe(true);
  });
});
