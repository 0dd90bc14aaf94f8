import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../src-main/engine/backend';
import type { BenchContext, BenchRow } from './section';

export interface Timing {
  medianMs: number;
  runs: number;
}

/**
 * One warm-up (shader compiles, kernel setup, caches), then timed runs until maxRuns or the
 * time budget is reached, at least one. `once` must wait for its result (read it back).
 */
export async function timeMedian(once: () => Promise<void>, ctx: Pick<BenchContext, 'maxRuns' | 'budgetMs'>): Promise<Timing> {
  await once();
  return timeRuns(once, ctx);
}

/** Timed runs without a warm-up (for SD-sized work that takes minutes): median in ms. */
export async function timeRuns(once: () => Promise<void>, ctx: Pick<BenchContext, 'maxRuns' | 'budgetMs'>): Promise<Timing> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < ctx.maxRuns && (times.length === 0 || performance.now() - started < ctx.budgetMs)) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const medianMs = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { medianMs, runs: times.length };
}

/**
 * Times `compute` (which builds its result from inputs made by `inputs`) on the active backend
 * and turns it into a row. Inputs live across runs; each run's result is read back and freed.
 */
export async function measureOp(
  ctx: BenchContext,
  row: { section: string; op: string; shape: string; gflop: number },
  inputs: () => tf.Tensor[],
  compute: (inputs: tf.Tensor[]) => tf.Tensor,
): Promise<BenchRow> {
  const made = inputs();
  try {
    const timing = await timeMedian(async () => {
      const out = tf.tidy(() => compute(made));
      await out.data();
      out.dispose();
    }, ctx);
    return { ...row, backend: tf.getBackend(), ...timing, gflops: row.gflop / (timing.medianMs / 1000) };
  } finally {
    tf.dispose(made);
  }
}

/** Runs `body` once per backend of the context (or of `only`), each made the active one first. */
export async function onEachBackend(
  ctx: BenchContext,
  body: (backend: BackendName) => Promise<BenchRow[]>,
  only?: BackendName[],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const backend of ctx.backends.filter((b) => !only || only.includes(b))) {
    await initBackend({ force: backend });
    rows.push(...(await body(backend)));
  }
  return rows;
}

/**
 * The backends an SD-sized section measures: wasm (the CPU workhorse) and every real
 * accelerator measured here; a software GPU adapter only when --backends names it (at a few
 * GFLOP/s one SD 1.5 UNet forward takes minutes there).
 */
export function fullSizeBackends(ctx: BenchContext): BackendName[] {
  return ctx.backends.filter((b) => b === 'wasm' || ((b === 'webgpu' || b === 'tensorflow-gpu') && (!ctx.demoted[b] || ctx.asked?.includes(b))));
}

/** Seeded uniform values in [-1, 1): benchmark inputs that are the same on every run. */
export function benchTensor(shape: number[], seed = 1): tf.Tensor {
  return tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', seed));
}
