import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX, type VariantResult, type VariantSpec } from './variant';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
/** Heap size at which an abort is read as wasm's 32-bit ceiling (4 GiB) having been reached. */
const NEAR_WASM_LIMIT = 3.5 * 2 ** 30;

export interface VariantOutcome {
  result: VariantResult | null;
  /** 'ok', 'out of wasm memory (4 GiB heap)', or what else ended it. */
  verdict: string;
}

/**
 * Runs one variant in a child process (`npx tsx`, as the bench itself runs): its log lines go
 * to this process's stderr, its result line is parsed from its stdout.
 */
export function runVariant(spec: VariantSpec): Promise<VariantOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', CHILD, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      const result = line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as VariantResult) : null;
      resolve({ result, verdict: verdict(result, code, signal) });
    });
  });
}

function verdict(result: VariantResult | null, code: number | null, signal: NodeJS.Signals | null): string {
  if (!result) return `crashed (exit ${code ?? signal}, no report)`;
  if (result.status === 'ok') return 'ok';
  const aborted = /Aborted|out of memory|Cannot enlarge memory|Array buffer allocation failed/i.test(result.error ?? '');
  if (aborted && result.wasmHeapBytes >= NEAR_WASM_LIMIT) return 'out of wasm memory (4 GiB heap)';
  return `failed: ${result.error}`;
}
