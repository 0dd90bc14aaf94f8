import { open, type FileHandle } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { decodeToFloat32 } from './decode';
import { SafetensorsError, describeCause } from './errors';
import { assertFinite } from './finite';
import { parseHeader, type SafetensorsEntry } from './header';

/** The reference implementation's limit: a larger header is almost surely not a safetensors file. */
export const DEFAULT_MAX_HEADER_BYTES = 100_000_000;

const LENGTH_PREFIX_BYTES = 8;

// FileHandle.read takes at most ~2 GiB per call; large tensors are read in pieces.
const MAX_READ_BYTES = 256 * 1024 * 1024;

export interface SafetensorsOpenOptions {
  maxHeaderBytes?: number;
}

/**
 * A safetensors file held open by descriptor. The header is validated up front; each tensor
 * is then read on demand into a buffer of exactly its own size, so a multi-gigabyte
 * checkpoint is never in memory at once.
 */
export class SafetensorsReader {
  private handle: FileHandle | null;

  private constructor(
    readonly path: string,
    handle: FileHandle,
    private readonly dataStart: number,
    private readonly entries: Map<string, SafetensorsEntry>,
    readonly metadata: Record<string, string>,
  ) {
    this.handle = handle;
  }

  static async open(path: string, options: SafetensorsOpenOptions = {}): Promise<SafetensorsReader> {
    const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
    if (!Number.isSafeInteger(maxHeaderBytes) || maxHeaderBytes < 0) {
      throw new SafetensorsError(path, undefined, `maxHeaderBytes must be a non-negative integer, got ${maxHeaderBytes}`);
    }
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (cause) {
      throw new SafetensorsError(path, undefined, `cannot open (${describeCause(cause)})`, { cause });
    }
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw new SafetensorsError(path, undefined, 'is a folder, not a .safetensors file');
      const fileBytes = info.size;
      const headerBytes = await readHeaderLength(path, handle, fileBytes, maxHeaderBytes);
      const header = await readExactly(path, undefined, handle, LENGTH_PREFIX_BYTES, headerBytes);
      const dataStart = LENGTH_PREFIX_BYTES + headerBytes;
      const { entries, metadata } = parseHeader(path, header, fileBytes - dataStart);
      return new SafetensorsReader(path, handle, dataStart, entries, metadata);
    } catch (error) {
      await handle.close().catch(() => undefined); // the validation error is the one worth reporting
      throw error instanceof SafetensorsError ? error : new SafetensorsError(path, undefined, describeCause(error), { cause: error });
    }
  }

  /** Tensor names in header order. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  entry(name: string): SafetensorsEntry {
    const found = this.entries.get(name);
    if (!found) throw new SafetensorsError(this.path, name, 'no such tensor in this file');
    return { ...found, shape: [...found.shape] };
  }

  /** The tensor's raw little-endian bytes, in a fresh 8-byte-aligned buffer of exactly its size. */
  async readBytes(name: string): Promise<Uint8Array> {
    const { begin, end } = this.entry(name);
    return readExactly(this.path, name, this.openHandle(name), this.dataStart + begin, end - begin);
  }

  /** The tensor's values as float32, whatever its stored dtype. */
  async readFloat32(name: string): Promise<Float32Array> {
    const { dtype } = this.entry(name);
    return decodeToFloat32(await this.readBytes(name), dtype);
  }

  /** A float32 tf tensor of the entry's shape; the caller owns (and disposes) it. */
  async readTensor(name: string): Promise<tf.Tensor> {
    const { shape } = this.entry(name);
    return tf.tensor(await this.readFloat32(name), shape, 'float32');
  }

  /** Weights (a model's, an adapter's): as readTensor, but NaN or infinite values are an error naming the tensor. */
  async readWeights(name: string): Promise<tf.Tensor> {
    const { shape } = this.entry(name);
    const values = await this.readFloat32(name);
    assertFinite(values, this.path, name);
    return tf.tensor(values, shape, 'float32');
  }

  /** A scalar weight (a LoRA alpha), checked like readWeights. */
  async readWeightScalar(name: string): Promise<number> {
    const values = await this.readFloat32(name);
    assertFinite(values, this.path, name);
    return values[0];
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private openHandle(name: string): FileHandle {
    if (!this.handle) throw new SafetensorsError(this.path, name, 'read after the reader was closed');
    return this.handle;
  }
}

async function readHeaderLength(path: string, handle: FileHandle, fileBytes: number, maxHeaderBytes: number): Promise<number> {
  if (fileBytes < LENGTH_PREFIX_BYTES) {
    throw new SafetensorsError(path, undefined, `file is ${fileBytes} bytes, too short for the 8-byte header length`);
  }
  const prefix = await readExactly(path, undefined, handle, 0, LENGTH_PREFIX_BYTES);
  const length = new DataView(prefix.buffer, prefix.byteOffset, LENGTH_PREFIX_BYTES).getBigUint64(0, true);
  if (length > BigInt(maxHeaderBytes)) {
    throw new SafetensorsError(path, undefined, `header length ${length} exceeds the limit of ${maxHeaderBytes} bytes`);
  }
  if (length > BigInt(fileBytes - LENGTH_PREFIX_BYTES)) {
    throw new SafetensorsError(path, undefined, `header length ${length} runs past the end of the file (${fileBytes} bytes)`);
  }
  return Number(length);
}

/** Reads `length` bytes at `position`, failing clearly if the file turns out shorter. */
async function readExactly(
  path: string,
  tensor: string | undefined,
  handle: FileHandle,
  position: number,
  length: number,
): Promise<Uint8Array> {
  const bytes = new Uint8Array(new ArrayBuffer(length));
  let filled = 0;
  while (filled < length) {
    const want = Math.min(length - filled, MAX_READ_BYTES);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(bytes, filled, want, position + filled));
    } catch (cause) {
      throw new SafetensorsError(path, tensor, `read failed at byte ${position + filled} (${describeCause(cause)})`, { cause });
    }
    if (bytesRead === 0) {
      throw new SafetensorsError(
        path,
        tensor,
        `file ended after ${filled} of ${length} bytes at byte ${position} (was it truncated or changed after opening?)`,
      );
    }
    filled += bytesRead;
  }
  return bytes;
}
