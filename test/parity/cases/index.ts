import { tokenizerCase } from './tokenizer';
import { runTraining } from './training';
import type { CaseRunner } from './types';

/**
 * Golden cases the engine can run, by case name. A case in the manifest that is not here is
 * reported as skipped by name (never as passed).
 */
export const runners: Record<string, CaseRunner> = {
  // schedulers: runSchedulers (./schedulers) waits for golden.ts to read Python's JSON: the
  // schedulers manifest holds `-Infinity`, and JSON.parse failing there fails every case.
  training: runTraining,
  tokenizer: tokenizerCase,
};
