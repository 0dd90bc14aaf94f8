import { readFileSync } from 'node:fs';

/**
 * Test-only safetensors reading, just enough for F32 files: an 8-byte little-endian header length,
 * a JSON header of {name: {dtype, shape, data_offsets}}, then the raw data.
 */
export interface F32Entry {
  shape: number[];
  data: Float32Array;
}

export function readF32Safetensors(path: string): Map<string, F32Entry> {
  const file = readFileSync(path);
  const headerLength = Number(file.readBigUInt64LE(0));
  const header = JSON.parse(file.subarray(8, 8 + headerLength).toString('utf8')) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, F32Entry>();
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (info.dtype !== 'F32') throw new Error(`${name}: test reader handles F32 only, got ${info.dtype}`);
    const [begin, end] = info.data_offsets;
    // Copy so the Float32Array is aligned regardless of where the tensor sits in the file.
    const bytes = file.subarray(dataStart + begin, dataStart + end);
    const data = new Float32Array(new Uint8Array(bytes).buffer);
    tensors.set(name, { shape: info.shape, data });
  }
  return tensors;
}
