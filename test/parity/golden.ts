import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reading the golden reference set (`../shared/golden` by default, `GOLDEN_DIR` to point
 * elsewhere). Everything here depends only on the manifest format, never on one set's cases.
 */

const here = dirname(fileURLToPath(import.meta.url));

export function goldenDir(): string {
  return resolve(process.env.GOLDEN_DIR ?? join(here, '../../../shared/golden'));
}

export interface Tolerance {
  atol: number;
  rtol: number;
}

export interface TensorEntry {
  file?: string;
  dtype: 'float32' | 'float64' | 'float16' | 'int64' | 'int32' | 'uint8' | string;
  shape: number[];
  role: 'input' | 'expected' | 'info' | string;
  tol?: Tolerance;
  note?: string;
  values?: unknown;
}

export interface CaseManifest {
  case: string;
  tensors: Record<string, TensorEntry>;
  [key: string]: unknown;
}

export interface GoldenCase {
  name: string;
  dir: string;
  manifest: CaseManifest;
}

export interface GoldenTensor {
  shape: number[];
  /** Values as numbers (int64 converted; float64 kept exact). */
  data: Float32Array | Float64Array | Int32Array;
}

export function listCases(root = goldenDir()): string[] {
  const top = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { cases: string[] };
  return top.cases;
}

export function loadCase(name: string, root = goldenDir()): GoldenCase {
  const dir = join(root, name);
  return { name, dir, manifest: parsePythonJson(readFileSync(join(dir, 'manifest.json'), 'utf8')) as CaseManifest };
}

/**
 * JSON as Python's json module writes it: bare `NaN`, `Infinity` and `-Infinity` may stand where
 * numbers do. They become JS numbers through a reviver; strings are left untouched.
 */
export function parsePythonJson(text: string): unknown {
  const marker = '__python_float__:';
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i];
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    const word = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9))?.[0];
    if (!inString && word) {
      out += `"${marker}${word}"`;
      i += word.length - 1;
    } else {
      out += ch;
    }
  }
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(marker) ? Number(value.slice(marker.length)) : value,
  );
}

export function entry(c: GoldenCase, key: string): TensorEntry {
  const e = c.manifest.tensors[key];
  if (!e) throw new Error(`golden case ${c.name}: no tensor '${key}' in its manifest`);
  return e;
}

/** Reads one tensor of a case: from its raw little-endian file, or from inline `values`. */
export function readTensor(c: GoldenCase, key: string): GoldenTensor {
  const e = entry(c, key);
  const count = e.shape.reduce((a, b) => a * b, 1);
  if (!e.file) {
    const flat = (e.values as unknown[] | undefined)?.flat(Infinity) as number[] | undefined;
    if (!flat) throw new Error(`golden case ${c.name}: '${key}' has neither file nor values`);
    return { shape: e.shape, data: Float64Array.from(flat) };
  }
  const buf = readFileSync(join(c.dir, e.file));
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const data = decode(bytes, e.dtype);
  if (data.length !== count) {
    throw new Error(`golden case ${c.name}: '${key}' holds ${data.length} values, shape [${e.shape}] needs ${count}`);
  }
  return { shape: e.shape, data };
}

function decode(bytes: ArrayBuffer, dtype: string): Float32Array | Float64Array | Int32Array {
  switch (dtype) {
    case 'float32':
      return new Float32Array(bytes);
    case 'float64':
      return new Float64Array(bytes);
    case 'int32':
      return new Int32Array(bytes);
    case 'int64':
      return Int32Array.from(new BigInt64Array(bytes), (v) => Number(v));
    case 'uint8':
      return Int32Array.from(new Uint8Array(bytes));
    default:
      throw new Error(`golden tensor dtype '${dtype}' is not supported by the parity reader`);
  }
}

export interface Comparison {
  ok: boolean;
  maxAbs: number;
  worstIndex: number;
  outside: number;
  message: string;
}

/** The manifests' rule: |got - want| <= atol + rtol * |want|, elementwise. */
export function compare(
  label: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: Tolerance,
  gotShape?: readonly number[],
  wantShape?: readonly number[],
): Comparison {
  if (gotShape && wantShape && gotShape.join(',') !== wantShape.join(',')) {
    return { ok: false, maxAbs: Infinity, worstIndex: -1, outside: -1, message: `${label}: shape [${gotShape}] != expected [${wantShape}]` };
  }
  if (got.length !== want.length) {
    return { ok: false, maxAbs: Infinity, worstIndex: -1, outside: -1, message: `${label}: ${got.length} values, expected ${want.length}` };
  }
  let maxAbs = 0;
  let worstIndex = -1;
  let worstExcess = -Infinity;
  let outside = 0;
  for (let i = 0; i < got.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    const excess = Number.isNaN(d) ? Infinity : d - (tol.atol + tol.rtol * Math.abs(want[i]));
    if (excess > 0) outside++;
    if (excess > worstExcess) {
      worstExcess = excess;
      worstIndex = i;
    }
    if (d > maxAbs || Number.isNaN(d)) maxAbs = Number.isNaN(d) ? Infinity : d;
  }
  const ok = outside === 0;
  const message = ok
    ? `${label}: ok (max |diff| ${maxAbs.toExponential(2)})`
    : `${label}: ${outside}/${got.length} values outside atol ${tol.atol} + rtol ${tol.rtol}; worst at ${worstIndex}: got ${got[worstIndex]}, want ${want[worstIndex]}`;
  return { ok, maxAbs, worstIndex, outside, message };
}

/**
 * Throws with a readable message when `got` is outside the manifest tolerance of `key`. The
 * manifests' tolerances hold on every backend (on webgpu the worst golden sub-case used 31% of
 * its tolerance), so there is no per-backend tolerance.
 */
export function expectMatches(c: GoldenCase, key: string, got: ArrayLike<number>, gotShape?: readonly number[]): void {
  const e = entry(c, key);
  const want = readTensor(c, key);
  if (!e.tol) throw new Error(`golden case ${c.name}: '${key}' has no tolerance in its manifest`);
  const r = compare(`${c.name}/${key}`, got, want.data, e.tol, gotShape, gotShape ? want.shape : undefined);
  if (!r.ok) throw new Error(r.message);
}
