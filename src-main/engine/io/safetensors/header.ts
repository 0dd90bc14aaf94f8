import { bytesPerElement, isSafetensorsDtype, type SafetensorsDtype } from './dtypes';
import { SafetensorsError, describeCause } from './errors';

/** One tensor as the header declares it; begin/end are byte offsets into the data section. */
export interface SafetensorsEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  entries: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
}

export const METADATA_KEY = '__metadata__';

/**
 * Decodes and fully validates a header before anything else is allocated from it:
 * afterwards every entry's byte range lies inside the data section, matches its shape and
 * dtype exactly, and no two ranges overlap. `dataBytes` is the size of the data section.
 */
export function parseHeader(file: string, headerBytes: Uint8Array, dataBytes: number): SafetensorsHeader {
  const json = parseJsonObject(file, headerBytes);
  const entries = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(json)) {
    if (name === METADATA_KEY) metadata = parseMetadata(file, raw);
    else entries.set(name, parseEntry(file, name, raw, dataBytes));
  }
  checkNoOverlaps(file, [...entries.values()]);
  return { entries, metadata };
}

function parseJsonObject(file: string, headerBytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
  } catch (cause) {
    throw new SafetensorsError(file, undefined, 'header is not valid UTF-8', { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new SafetensorsError(file, undefined, `header is not valid JSON (${describeCause(cause)})`, { cause });
  }
  if (!isPlainObject(value)) {
    throw new SafetensorsError(file, undefined, `header must be a JSON object, got ${describeJson(value)}`);
  }
  return value;
}

function parseMetadata(file: string, raw: unknown): Record<string, string> {
  if (!isPlainObject(raw)) {
    throw new SafetensorsError(file, undefined, `${METADATA_KEY} must be an object of strings, got ${describeJson(raw)}`);
  }
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') {
      throw new SafetensorsError(file, undefined, `${METADATA_KEY} value '${key}' must be a string, got ${describeJson(value)}`);
    }
  }
  // fromEntries defines own properties, so a '__proto__' key stays plain data.
  return Object.fromEntries(Object.entries(raw)) as Record<string, string>;
}

function parseEntry(file: string, name: string, raw: unknown, dataBytes: number): SafetensorsEntry {
  const fail = (detail: string): SafetensorsError => new SafetensorsError(file, name, detail);
  if (!isPlainObject(raw)) throw fail(`header entry must be an object, got ${describeJson(raw)}`);
  const { dtype, shape, data_offsets: offsets } = raw;
  if (!isSafetensorsDtype(dtype)) throw fail(`unknown dtype ${describeJson(dtype)}`);
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    throw fail(`shape must be an array of non-negative integers, got ${describeJson(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw fail(`data_offsets must be [begin, end] non-negative integers, got ${describeJson(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  const byteCount = checkedByteCount(shape, bytesPerElement(dtype), fail);
  if (end < begin) throw fail(`data_offsets [${begin}, ${end}] end before they begin`);
  if (end > dataBytes) throw fail(`data_offsets [${begin}, ${end}] run past the data section (${dataBytes} bytes)`);
  if (end - begin !== byteCount) {
    throw fail(`data_offsets [${begin}, ${end}] hold ${end - begin} bytes, but ${dtype} [${shape.join(', ')}] needs ${byteCount}`);
  }
  return { name, dtype, shape: shape.map(Math.abs), begin, end }; // abs turns a JSON -0 into 0
}

/** Multiplies out the shape without ever leaving the safe-integer range (a 2^60 dim is an error). */
function checkedByteCount(shape: number[], elementBytes: number, fail: (detail: string) => Error): number {
  let bytes = elementBytes;
  for (const dim of shape) {
    if (dim !== 0 && bytes > Number.MAX_SAFE_INTEGER / dim) {
      throw fail(`shape [${shape.join(', ')}] is too large (its byte count exceeds 2^53)`);
    }
    bytes *= dim;
  }
  return bytes;
}

function checkNoOverlaps(file: string, entries: SafetensorsEntry[]): void {
  const sorted = entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (current.begin < previous.end) {
      throw new SafetensorsError(
        file,
        current.name,
        `data_offsets [${current.begin}, ${current.end}] overlap tensor '${previous.name}' [${previous.begin}, ${previous.end}]`,
      );
    }
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a JSON value for error messages (hostile headers can be huge). */
function describeJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
