import type { BackendName } from '../src-main/engine/backend';

/** One measured operation on one backend, as the table and the JSON line show it. */
export interface BenchRow {
  section: string;
  backend: string;
  op: string;
  /** The shapes measured, e.g. "1024x1024 @ 1024x1024". */
  shape: string;
  /** Work per run in GFLOP (multiply-adds count 2), so rows compare across shapes. */
  gflop: number;
  medianMs: number;
  gflops: number;
  /** Timed runs after the warm-up (fewer on slow backends, to keep the bench short). */
  runs: number;
}

export interface BenchContext {
  /** Backends that started here and were not excluded by --backends, in selection order. */
  backends: BackendName[];
  /**
   * Backends that start but are no real accelerator (a software GPU adapter), with why: their
   * figures are a CPU rasteriser's. SD-sized sections leave them out unless --backends names them.
   */
  demoted: Partial<Record<BackendName, string>>;
  /** The backends --backends named, if it was given. */
  asked?: BackendName[];
  /** Upper bound on timed runs per measurement (--runs). */
  maxRuns: number;
  /** Stop adding runs once this many milliseconds were spent on one measurement (--budget-ms). */
  budgetMs: number;
}

/**
 * A file under bench/sections/ exporting `section` is picked up by bench/run.ts; keep each
 * section's default runtime to well under a minute on a busy 2-core machine.
 */
export interface BenchSection {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}
