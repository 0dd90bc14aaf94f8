import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runBenchChild } from '../child-process';
import type { BenchContext, BenchRow } from '../section';
import { THREADS_RESULT_PREFIX, type ThreadsResult, type ThreadsSpec } from './spec';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

/**
 * Measures `set` with the wasm backend on one thread and on every core, alternating child
 * processes (1, N, 1, N, ...) so that both see the same machine load; prints per-round times
 * and the ratio of the medians, and returns one row per workload and thread count.
 */
export async function compareThreads(section: string, set: ThreadsSpec['set'], ctx: BenchContext, rounds = 2): Promise<BenchRow[]> {
  const log = (line: string) => console.log(`[${section}] ${line}`);
  const counts = [1, availableParallelism()];
  const runs = new Map<number, ThreadsResult[]>(counts.map((t) => [t, []]));
  for (let round = 0; round < rounds; round++) {
    for (const threads of counts) {
      const spec: ThreadsSpec = { threads, set, maxRuns: ctx.maxRuns, budgetMs: ctx.budgetMs };
      const { result, code, signal } = await runBenchChild<ThreadsResult>(CHILD, spec, THREADS_RESULT_PREFIX);
      if (!result) throw new Error(`threads bench child (${threads} threads) ended without a report (exit ${code ?? signal})`);
      runs.get(threads)!.push(result);
      log(`round ${round + 1}, ${result.detail}: ${result.timings.map((t) => `${t.op} ${t.medianMs.toFixed(0)} ms`).join(', ')}`);
    }
  }
  const rows: BenchRow[] = [];
  const first = runs.get(counts[0])![0];
  for (const [i, workload] of first.timings.entries()) {
    const medians = counts.map((t) => median(runs.get(t)!.map((r) => r.timings[i].medianMs)));
    log(`${workload.op} (${workload.shape}): 1 thread ${medians[0].toFixed(0)} ms, ${counts[1]} threads ${medians[1].toFixed(0)} ms: x${(medians[0] / medians[1]).toFixed(2)} faster`);
    counts.forEach((threads, j) =>
      rows.push({
        section,
        backend: `wasm ${threads}t`,
        op: workload.op,
        shape: workload.shape,
        gflop: workload.gflop,
        medianMs: medians[j],
        runs: rounds,
        gflops: workload.gflop / (medians[j] / 1000),
      }),
    );
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
