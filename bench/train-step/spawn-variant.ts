import { fileURLToPath } from 'node:url';
import { runBenchChild } from '../child-process';
import { RESULT_PREFIX, type VariantResult, type VariantSpec } from './variant';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
/** Heap size at which an abort is read as wasm's 32-bit ceiling (4 GiB) having been reached. */
const NEAR_WASM_LIMIT = 3.5 * 2 ** 30;

export interface VariantOutcome {
  result: VariantResult | null;
  /** 'ok', 'out of wasm memory (4 GiB heap)', or what else ended it. */
  verdict: string;
}

/** Runs one variant in a child process, so running out of wasm memory ends only the child. */
export async function runVariant(spec: VariantSpec): Promise<VariantOutcome> {
  const { result, code, signal } = await runBenchChild<VariantResult>(CHILD, spec, RESULT_PREFIX);
  return { result, verdict: verdict(result, code, signal) };
}

function verdict(result: VariantResult | null, code: number | null, signal: NodeJS.Signals | null): string {
  if (!result) return `crashed (exit ${code ?? signal}, no report)`;
  if (result.status === 'ok') return 'ok';
  const aborted = /Aborted|out of memory|Cannot enlarge memory|Array buffer allocation failed/i.test(result.error ?? '');
  if (aborted && result.wasmHeapBytes >= NEAR_WASM_LIMIT) return 'out of wasm memory (4 GiB heap)';
  return `failed: ${result.error}`;
}
