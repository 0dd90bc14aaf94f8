import { writeAtomically } from '../atomic-file';
import { bytesPerElement } from './dtypes';
import { encodeChunks, type WritableDtype } from './encode';
import { SafetensorsError, describeCause } from './errors';
import { METADATA_KEY } from './header';

export interface TensorToWrite {
  data: Float32Array;
  shape: number[];
}

export interface WriteSafetensorsOptions {
  metadata?: Record<string, string>;
  /** Stored element type; F16 rounds to nearest, ties to even. Default F32. */
  dtype?: WritableDtype;
  /** Stops the write between chunks; the target is then left as it was. */
  signal?: AbortSignal;
  /** Called after each chunk of tensor data is written (for progress bars on large files). */
  onProgress?: (written: { bytes: number; totalBytes: number }) => void;
}

interface PlannedTensor {
  name: string;
  tensor: TensorToWrite;
  begin: number;
  end: number;
}

/**
 * Writes tensors as a safetensors file, atomically: everything goes to a temporary file in
 * the target's folder, which is synced and then renamed over the target. Any failure removes
 * the temporary file and leaves an existing target untouched. Tensors are stored sorted by name.
 */
export async function writeSafetensors(
  path: string,
  tensors: Iterable<[string, TensorToWrite]> | Record<string, TensorToWrite>,
  options: WriteSafetensorsOptions = {},
): Promise<void> {
  const dtype = options.dtype ?? 'F32';
  if (dtype !== 'F32' && dtype !== 'F16') throw new SafetensorsError(path, undefined, `cannot write dtype '${String(dtype)}'`);
  const planned = planLayout(path, collectTensors(path, tensors), bytesPerElement(dtype));
  const header = encodeHeader(path, planned, dtype, options.metadata ?? {});
  const totalBytes = planned.length > 0 ? planned[planned.length - 1].end : 0;

  try {
    await writeAtomically(path, async (write) => {
      await write(header);
      let written = 0;
      for (const { tensor } of planned) {
        for (const chunk of encodeChunks(tensor.data, dtype)) {
          options.signal?.throwIfAborted();
          await write(chunk);
          written += chunk.byteLength;
          options.onProgress?.({ bytes: written, totalBytes });
        }
      }
      options.signal?.throwIfAborted();
    });
  } catch (cause) {
    throw new SafetensorsError(path, undefined, `write failed, target left unchanged (${describeCause(cause)})`, { cause });
  }
}

function collectTensors(
  path: string,
  tensors: Iterable<[string, TensorToWrite]> | Record<string, TensorToWrite>,
): Map<string, TensorToWrite> {
  const pairs: Iterable<[string, TensorToWrite]> =
    Symbol.iterator in tensors ? (tensors as Iterable<[string, TensorToWrite]>) : Object.entries(tensors);
  const byName = new Map<string, TensorToWrite>();
  for (const [name, tensor] of pairs) {
    if (typeof name !== 'string') throw new SafetensorsError(path, String(name), 'tensor names must be strings');
    if (name === METADATA_KEY) throw new SafetensorsError(path, name, `'${METADATA_KEY}' is reserved for metadata`);
    if (byName.has(name)) throw new SafetensorsError(path, name, 'given twice');
    checkTensor(path, name, tensor);
    byName.set(name, tensor);
  }
  return byName;
}

function checkTensor(path: string, name: string, tensor: TensorToWrite): void {
  if (!(tensor?.data instanceof Float32Array)) throw new SafetensorsError(path, name, 'data must be a Float32Array');
  const { shape } = tensor;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new SafetensorsError(path, name, `shape must be non-negative integers, got [${String(shape)}]`);
  }
  const count = shape.reduce((product, dim) => product * dim, 1);
  if (count !== tensor.data.length) {
    throw new SafetensorsError(path, name, `shape [${shape.join(', ')}] needs ${count} values, data holds ${tensor.data.length}`);
  }
}

function planLayout(path: string, tensors: Map<string, TensorToWrite>, elementBytes: number): PlannedTensor[] {
  const names = [...tensors.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let offset = 0;
  return names.map((name) => {
    const tensor = tensors.get(name) as TensorToWrite;
    const begin = offset;
    offset += tensor.data.length * elementBytes;
    if (!Number.isSafeInteger(offset)) throw new SafetensorsError(path, name, 'file would exceed 2^53 bytes');
    return { name, tensor, begin, end: offset };
  });
}

/** Length prefix plus JSON header, space-padded so the data section starts 8-byte aligned. */
function encodeHeader(path: string, planned: PlannedTensor[], dtype: WritableDtype, metadata: Record<string, string>): Uint8Array {
  const json: Record<string, unknown> = {};
  const metadataEntries = Object.entries(metadata);
  for (const [key, value] of metadataEntries) {
    if (typeof value !== 'string') throw new SafetensorsError(path, undefined, `metadata value '${key}' must be a string`);
  }
  if (metadataEntries.length > 0) json[METADATA_KEY] = Object.fromEntries(metadataEntries);
  for (const { name, tensor, begin, end } of planned) {
    Object.defineProperty(json, name, {
      value: { dtype, shape: tensor.shape, data_offsets: [begin, end] },
      enumerable: true,
    });
  }
  const body = new TextEncoder().encode(JSON.stringify(json));
  const padded = Math.ceil(body.length / 8) * 8;
  const bytes = new Uint8Array(8 + padded).fill(0x20, 8 + body.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(padded), true);
  bytes.set(body, 8);
  return bytes;
}
