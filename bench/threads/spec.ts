/** What one child of the threads bench measures, and with how many wasm threads. */
export interface ThreadsSpec {
  threads: number;
  set: 'kernels' | 'blocks';
  maxRuns: number;
  budgetMs: number;
}

export interface ThreadsResult {
  /** The backend's own description, e.g. "simd, 2 threads". */
  detail: string;
  timings: { op: string; shape: string; gflop: number; medianMs: number; runs: number }[];
}

export const THREADS_RESULT_PREFIX = 'THREADS_RESULT ';
