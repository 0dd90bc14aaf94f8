import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafetensorsError, SafetensorsReader, writeSafetensors, type TensorToWrite } from '../../../../src-main/engine/io/safetensors';
import { scratchDir } from './files';

const root = scratchDir('atomic');
let folders = 0;

/** A fresh folder holding an existing target file, so tests can check it survives. */
function folderWithTarget(): { folder: string; target: string; original: Buffer } {
  const folder = join(root, `case-${folders++}`);
  mkdirSync(folder);
  const target = join(folder, 'model.safetensors');
  const original = Buffer.from('previous contents, must survive a failed write');
  writeFileSync(target, original);
  return { folder, target, original };
}

async function rejection(promise: Promise<unknown>): Promise<SafetensorsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SafetensorsError);
  return error as SafetensorsError;
}

const big: TensorToWrite = { data: new Float32Array(3 << 20).fill(1.5), shape: [3, 1 << 20] }; // 3 write chunks
const small: TensorToWrite = { data: Float32Array.of(1, 2), shape: [2] };

describe('atomic writer', () => {
  it('rejects bad tensors before touching the disk', async () => {
    const { folder, target, original } = folderWithTarget();
    const bad: [string, unknown, RegExp][] = [
      ['length', { data: new Float32Array(5), shape: [2, 3] }, /tensor 'length': shape \[2, 3\] needs 6 values, data holds 5/],
      ['shape', { data: new Float32Array(1), shape: [-1] }, /tensor 'shape': shape must be non-negative integers/],
      ['data', { data: [1, 2], shape: [2] }, /tensor 'data': data must be a Float32Array/],
      ['__metadata__', small, /reserved for metadata/],
    ];
    for (const [name, tensor, message] of bad) {
      const e = await rejection(writeSafetensors(target, [['ok', small], [name, tensor as TensorToWrite]]));
      expect(e.message).toContain(target);
      expect(e.message).toMatch(message);
    }
    const duplicate = await rejection(writeSafetensors(target, [['x', small], ['x', small]]));
    expect(duplicate.message).toMatch(/tensor 'x': given twice/);
    const meta = await rejection(writeSafetensors(target, { ok: small }, { metadata: { n: 3 as unknown as string } }));
    expect(meta.message).toMatch(/metadata value 'n' must be a string/);
    expect(readFileSync(target)).toEqual(original);
    expect(readdirSync(folder)).toEqual(['model.safetensors']);
  });

  it('an abort in the middle of the data leaves the old file and no temp file', async () => {
    const { folder, target, original } = folderWithTarget();
    const controller = new AbortController();
    const progress: number[] = [];
    const e = await rejection(
      writeSafetensors(target, { big, small }, {
        signal: controller.signal,
        onProgress: ({ bytes, totalBytes }) => {
          progress.push(bytes);
          expect(totalBytes).toBe(big.data.byteLength + small.data.byteLength);
          if (progress.length === 2) controller.abort(new Error('user cancelled'));
        },
      }),
    );
    expect(e.message).toMatch(/write failed, target left unchanged \(user cancelled\)/);
    expect(progress).toEqual([4 << 20, 8 << 20]);
    expect(readFileSync(target)).toEqual(original);
    expect(readdirSync(folder)).toEqual(['model.safetensors']);
  });

  it('a failing rename (target is a folder) removes the temp file', async () => {
    const { folder } = folderWithTarget();
    const target = join(folder, 'occupied');
    mkdirSync(join(target, 'child'), { recursive: true });
    const e = await rejection(writeSafetensors(target, { small }));
    expect(e.message).toContain(target);
    expect(readdirSync(folder).sort()).toEqual(['model.safetensors', 'occupied']);
  });

  it('a missing folder is a clear error', async () => {
    const target = join(root, 'no-such-folder', 'model.safetensors');
    const e = await rejection(writeSafetensors(target, { small }));
    expect(e.message).toMatch(/write failed/);
    expect(e.message).toContain(target);
  });

  it('a successful write replaces the old file in one step', async () => {
    const { folder, target } = folderWithTarget();
    await writeSafetensors(target, { big, small }, { dtype: 'F16' });
    expect(readdirSync(folder)).toEqual(['model.safetensors']);
    const reader = await SafetensorsReader.open(target);
    try {
      expect(reader.keys()).toEqual(['big', 'small']);
      const read = await reader.readFloat32('big');
      expect(read.length).toBe(big.data.length);
      expect(read.every((v) => v === 1.5)).toBe(true); // toEqual on 3M elements would take a minute
    } finally {
      await reader.close();
    }
  });
});
