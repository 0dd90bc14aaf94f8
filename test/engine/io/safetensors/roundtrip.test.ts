import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  SafetensorsReader,
  decodeToFloat32,
  float16BitsToFloat32,
  float32ToFloat16Bits,
  writeSafetensors,
  type TensorToWrite,
} from '../../../../src-main/engine/io/safetensors';
import { assemble, scratchDir, writeBytes } from './files';

const dir = scratchDir('roundtrip');

function ramp(count: number, scale: number): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => Math.sin(i * 0.37) * scale);
}

const tensors: Record<string, TensorToWrite> = {
  'model.weight': { data: ramp(24, 3), shape: [2, 3, 4] },
  'a.scalar': { data: Float32Array.of(-2.5), shape: [] },
  'b.empty': { data: new Float32Array(0), shape: [0, 5] },
  'c.vector': { data: Float32Array.of(0, -0, 1e-6, 65504, 70000, -Infinity), shape: [6] },
};
const metadata = { format: 'pt', note: 'ünïcode ✓', empty: '' };

async function withReader<T>(path: string, body: (reader: SafetensorsReader) => Promise<T>): Promise<T> {
  const reader = await SafetensorsReader.open(path);
  try {
    return await body(reader);
  } finally {
    await reader.close();
  }
}

describe('safetensors round trip', () => {
  it('F32 keeps values, shapes (0-d and empty included) and metadata', async () => {
    const path = join(dir, 'f32.safetensors');
    await writeSafetensors(path, tensors, { metadata });
    await withReader(path, async (reader) => {
      expect(reader.metadata).toEqual(metadata);
      expect(reader.keys()).toEqual(['a.scalar', 'b.empty', 'c.vector', 'model.weight']);
      for (const [name, { data, shape }] of Object.entries(tensors)) {
        expect(reader.has(name)).toBe(true);
        expect(reader.entry(name)).toMatchObject({ name, dtype: 'F32', shape });
        expect(await reader.readFloat32(name)).toEqual(data);
      }
      const scalar = await reader.readTensor('a.scalar');
      expect(scalar.shape).toEqual([]);
      expect(scalar.dtype).toBe('float32');
      expect(await scalar.data()).toEqual(Float32Array.of(-2.5));
      scalar.dispose();
      const weight = await reader.readTensor('model.weight');
      expect(weight.shape).toEqual([2, 3, 4]);
      expect(await weight.data()).toEqual(tensors['model.weight'].data);
      weight.dispose();
    });
  });

  it('F16 stores each value rounded to the nearest half', async () => {
    const path = join(dir, 'f16.safetensors');
    await writeSafetensors(path, new Map(Object.entries(tensors)), { dtype: 'F16', metadata });
    await withReader(path, async (reader) => {
      expect(reader.metadata).toEqual(metadata);
      for (const [name, { data, shape }] of Object.entries(tensors)) {
        expect(reader.entry(name)).toMatchObject({ dtype: 'F16', shape });
        const want = data.map((v) => float16BitsToFloat32(float32ToFloat16Bits(v)));
        expect(await reader.readFloat32(name)).toEqual(want);
      }
      expect(await reader.readFloat32('c.vector')).toEqual(Float32Array.of(0, -0, float16BitsToFloat32(0x0011), 65504, Infinity, -Infinity));
    });
    expect(readFileSync(path).length).toBe(readFileSync(join(dir, 'f32.safetensors')).length - 31 * 2);
  });

  it('lays the file out as the format asks: aligned header, names sorted, contiguous data', async () => {
    const path = join(dir, 'layout.safetensors');
    const view = new Float32Array(10).fill(7).subarray(3, 5); // a view with an offset into its buffer
    await writeSafetensors(path, [['zeta', { data: view, shape: [2] }], ['alpha', { data: Float32Array.of(1), shape: [1, 1] }]]);
    const bytes = readFileSync(path);
    const headerLength = Number(bytes.readBigUInt64LE(0));
    expect(headerLength % 8).toBe(0);
    const text = bytes.subarray(8, 8 + headerLength).toString('utf8');
    expect(text.trimEnd()).toBe('{"alpha":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"zeta":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}');
    expect(bytes.length).toBe(8 + headerLength + 12);
    await withReader(path, async (reader) => {
      expect(reader.metadata).toEqual({});
      expect(await reader.readFloat32('zeta')).toEqual(Float32Array.of(7, 7));
    });
  });

  it('writes an empty file and reads it back', async () => {
    const path = join(dir, 'none.safetensors');
    await writeSafetensors(path, {});
    await withReader(path, async (reader) => expect(reader.keys()).toEqual([]));
  });

  it('reads every stored dtype to float32', async () => {
    const parts: [string, string, number[], ArrayBufferView][] = [
      ['f64', 'F64', [2], Float64Array.of(0.1, -1e300)],
      ['i64', 'I64', [3], BigInt64Array.of(-5n, 2n ** 40n, 9007199254740993n)],
      ['i32', 'I32', [2], Int32Array.of(-7, 2 ** 30)],
      ['i16', 'I16', [2], Int16Array.of(-32768, 12)],
      ['i8', 'I8', [2], Int8Array.of(-128, 127)],
      ['u8', 'U8', [2], Uint8Array.of(0, 255)],
      ['bool', 'BOOL', [3], Uint8Array.of(0, 1, 2)],
      ['bf16', 'BF16', [2], Uint16Array.of(0x3f80, 0xc040)],
      ['f16', 'F16', [2], Uint16Array.of(0x3c00, 0x0001)],
    ];
    const header: Record<string, unknown> = {};
    const chunks: Uint8Array[] = [];
    let offset = 0;
    for (const [name, dtype, shape, data] of parts) {
      header[name] = { dtype, shape, data_offsets: [offset, offset + data.byteLength] };
      chunks.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      offset += data.byteLength;
    }
    const data = new Uint8Array(offset);
    chunks.reduce((at, chunk) => (data.set(chunk, at), at + chunk.byteLength), 0);
    const path = writeBytes(dir, 'dtypes.safetensors', assemble(header, data));
    await withReader(path, async (reader) => {
      const read = async (name: string) => Array.from(await reader.readFloat32(name));
      expect(await read('f64')).toEqual([Math.fround(0.1), -Infinity]);
      expect(await read('i64')).toEqual([-5, 2 ** 40, Math.fround(9007199254740992)]);
      expect(await read('i32')).toEqual([-7, 2 ** 30]);
      expect(await read('i16')).toEqual([-32768, 12]);
      expect(await read('i8')).toEqual([-128, 127]);
      expect(await read('u8')).toEqual([0, 255]);
      expect(await read('bool')).toEqual([0, 1, 1]);
      expect(await read('bf16')).toEqual([1, -3]);
      expect(await read('f16')).toEqual([1, 2 ** -24]);
    });
  });

  it('decodes unaligned byte views and refuses partial elements', () => {
    const backing = new Uint8Array(9);
    backing.set(new Uint8Array(Float32Array.of(2.5, -1).buffer), 1);
    expect(decodeToFloat32(backing.subarray(1), 'F32')).toEqual(Float32Array.of(2.5, -1));
    expect(() => decodeToFloat32(new Uint8Array(3), 'F16')).toThrow(/F16 data of 3 bytes is not a whole number of elements/);
  });

  it('names the file and tensor for unknown names and reads after close', async () => {
    const path = join(dir, 'f32.safetensors');
    const reader = await SafetensorsReader.open(path);
    expect(reader.has('missing')).toBe(false);
    expect(() => reader.entry('missing')).toThrow(`${path}: tensor 'missing': no such tensor`);
    await expect(reader.readFloat32('missing')).rejects.toThrow(`${path}: tensor 'missing'`);
    await reader.close();
    await reader.close(); // closing twice is harmless
    await expect(reader.readFloat32('a.scalar')).rejects.toThrow(`${path}: tensor 'a.scalar': read after the reader was closed`);
  });

  it('gives callers copies of entries, not its own state', async () => {
    await withReader(join(dir, 'f32.safetensors'), async (reader) => {
      reader.entry('model.weight').shape.push(99);
      expect(reader.entry('model.weight').shape).toEqual([2, 3, 4]);
      const t = await reader.readTensor('b.empty');
      expect(t.shape).toEqual([0, 5]);
      tf.dispose(t);
    });
  });
});
