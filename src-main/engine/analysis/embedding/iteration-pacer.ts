import { EngineError } from '../../errors';

/** How a long embedding reports and stops: progress (done of total) and an AbortSignal. */
export interface EmbeddingRun {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

// Long enough that yielding costs nothing measurable, short enough that a cancel is seen at once.
const YIELD_EVERY_MS = 50;

/**
 * The bookkeeping of an iterative method, called after each iteration: progress about once per
 * percent, a cancel check, and a pause for the event loop every 50 ms so that cancel requests
 * and other messages reach the engine process while it computes.
 */
export function iterationPacer(total: number, run: EmbeddingRun, what: string): (done: number) => Promise<void> {
  let lastYield = performance.now();
  let lastPercent = -1;
  return async (done) => {
    const percent = Math.floor((100 * done) / total);
    if (percent !== lastPercent || done === total) {
      lastPercent = percent;
      run.onProgress?.(done, total);
    }
    if (performance.now() - lastYield < YIELD_EVERY_MS && done < total) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastYield = performance.now();
    if (run.signal?.aborted) throw new EngineError('cancelled', `${what} cancelled after ${done} of ${total} iterations`);
  };
}
