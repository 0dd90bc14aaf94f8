import { statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafetensorsError, SafetensorsReader, writeSafetensors } from '../../../../src-main/engine/io/safetensors';
import { assemble, scratchDir, writeBytes } from './files';

const dir = scratchDir('hostile');

const tensor = (dtype: string, shape: unknown, offsets: unknown) => ({ dtype, shape, data_offsets: offsets });

/** Writes `bytes`, opens it, and returns the error, which must be a SafetensorsError naming the file. */
async function openError(name: string, bytes: Uint8Array, maxHeaderBytes?: number): Promise<SafetensorsError> {
  const path = writeBytes(dir, name, bytes);
  const error = await SafetensorsReader.open(path, { maxHeaderBytes }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SafetensorsError);
  expect((error as Error).message.startsWith(`${path}: `)).toBe(true);
  return error as SafetensorsError;
}

describe('hostile safetensors files give clear errors', () => {
  it('a file shorter than the length prefix', async () => {
    const e = await openError('tiny.safetensors', Uint8Array.of(1, 2, 3));
    expect(e.message).toMatch(/3 bytes, too short/);
  });

  it('a header length past the end of the file', async () => {
    const e = await openError('long-prefix.safetensors', assemble({}, 0, 1000n));
    expect(e.message).toMatch(/header length 1000 runs past the end of the file \(10 bytes\)/);
  });

  it('a header length over the limit, even an absurd one', async () => {
    const e = await openError('huge-prefix.safetensors', assemble({}, 0, 2n ** 63n));
    expect(e.message).toMatch(/header length 9223372036854775808 exceeds the limit of 100000000 bytes/);
    const small = await openError('limit.safetensors', assemble({ padding: 'x'.repeat(100) }, 0), 64);
    expect(small.message).toMatch(/exceeds the limit of 64 bytes/);
  });

  it('a header that is not JSON, has NaN, is not an object or is not UTF-8', async () => {
    expect((await openError('garbage.safetensors', assemble('{"a": ', 0))).message).toMatch(/header is not valid JSON/);
    const nan = await openError('nan.safetensors', assemble('{"w":{"dtype":"F32","shape":[NaN],"data_offsets":[0,4]}}', 4));
    expect(nan.message).toMatch(/header is not valid JSON/);
    expect((await openError('array.safetensors', assemble([1, 2], 0))).message).toMatch(/must be a JSON object, got \[1,2\]/);
    const bad = assemble('{"\xff": 1}', 0);
    bad[10] = 0xff;
    expect((await openError('latin1.safetensors', bad)).message).toMatch(/not valid UTF-8/);
  });

  it('an unknown dtype, naming the dtype and the tensor', async () => {
    const e = await openError('dtype.safetensors', assemble({ 'unet.w': tensor('F8_E4M3', [2], [0, 2]) }, 2));
    expect(e.tensor).toBe('unet.w');
    expect(e.message).toMatch(/tensor 'unet\.w': unknown dtype "F8_E4M3"/);
  });

  it('malformed shapes and offsets', async () => {
    const cases: [unknown, unknown, RegExp][] = [
      [[-1], [0, 0], /shape must be an array of non-negative integers/],
      [[1.5], [0, 0], /shape must be/],
      ['3', [0, 0], /shape must be/],
      [[3], [0], /data_offsets must be \[begin, end\]/],
      [[3], [0, '12'], /data_offsets must be/],
      [[1], [8, 4], /end before they begin/],
    ];
    for (const [i, [shape, offsets, message]] of cases.entries()) {
      const e = await openError(`shape-${i}.safetensors`, assemble({ t: tensor('F32', shape, offsets) }, 12));
      expect(e.message).toMatch(/tensor 't': /);
      expect(e.message).toMatch(message);
    }
  });

  it('a 2^60 shape is refused, not allocated', async () => {
    const e = await openError('giant.safetensors', assemble({ big: tensor('F32', [2 ** 30, 2 ** 30], [0, 4]) }, 4));
    expect(e.message).toMatch(/tensor 'big': shape \[1073741824, 1073741824\] is too large/);
    const unsafe = await openError('unsafe.safetensors', assemble({ big: tensor('U8', [2 ** 60], [0, 4]) }, 4));
    expect(unsafe.message).toMatch(/tensor 'big': shape must be/); // 2^60 is not a safe integer
  });

  it('offsets out of range and wrong byte counts', async () => {
    const out = await openError('range.safetensors', assemble({ w: tensor('F32', [4], [0, 16]) }, 8));
    expect(out.message).toMatch(/tensor 'w': data_offsets \[0, 16\] run past the data section \(8 bytes\)/);
    const count = await openError('count.safetensors', assemble({ w: tensor('F16', [4], [0, 16]) }, 16));
    expect(count.message).toMatch(/tensor 'w': data_offsets \[0, 16\] hold 16 bytes, but F16 \[4\] needs 8/);
  });

  it('overlapping tensors', async () => {
    const header = { a: tensor('F32', [2], [0, 8]), b: tensor('F32', [2], [4, 12]) };
    const e = await openError('overlap.safetensors', assemble(header, 12));
    expect(e.message).toMatch(/tensor 'b': data_offsets \[4, 12\] overlap tensor 'a' \[0, 8\]/);
  });

  it('metadata that is not strings', async () => {
    const e = await openError('meta.safetensors', assemble({ __metadata__: { epochs: 3 } }, 0));
    expect(e.message).toMatch(/__metadata__ value 'epochs' must be a string, got 3/);
    const list = await openError('meta-list.safetensors', assemble({ __metadata__: ['x'] }, 0));
    expect(list.message).toMatch(/__metadata__ must be an object of strings/);
  });

  it('a missing file', async () => {
    const path = join(dir, 'absent.safetensors');
    await expect(SafetensorsReader.open(path)).rejects.toThrow(`${path}: cannot open`);
  });

  it('a file truncated after it was opened', async () => {
    const path = join(dir, 'shrinks.safetensors');
    await writeSafetensors(path, { a: { data: new Float32Array(16), shape: [16] }, b: { data: new Float32Array(16), shape: [4, 4] } });
    const reader = await SafetensorsReader.open(path);
    try {
      expect(reader.entry('b')).toMatchObject({ begin: 64, end: 128 }); // 'b' is stored last
      truncateSync(path, statSync(path).size - 54); // keeps 'a' and the first 10 bytes of 'b'
      expect(await reader.readFloat32('a')).toEqual(new Float32Array(16));
      await expect(reader.readFloat32('b')).rejects.toThrow(`${path}: tensor 'b': file ended after 10 of 64 bytes`);
    } finally {
      await reader.close();
    }
  });
});
