import type { GoldenCase } from '../golden';

/** One named check inside a golden case (e.g. `euler_a/x`, `a/out from fp16 single file`). */
export interface SubCase {
  name: string;
  run(): Promise<void> | void;
}

/** Turns a case manifest into its sub-cases. Reads only the manifest, never a fixed list. */
export type CaseRunner = (c: GoldenCase) => SubCase[] | Promise<SubCase[]>;
