import type { GoldenCase } from '../golden';

/**
 * One named check inside a golden case (e.g. `euler_a/x`, `a/out from fp16 single file`), or,
 * with `skip`, one the set gives no way to run (the reason, e.g. no float32 weights in it).
 */
export type SubCase = { name: string; run(): Promise<void> | void; skip?: undefined } | { name: string; skip: string };

/** Turns a case manifest into its sub-cases. Reads only the manifest, never a fixed list. */
export type CaseRunner = (c: GoldenCase) => SubCase[] | Promise<SubCase[]>;
