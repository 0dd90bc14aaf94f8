import type { AdapterUse } from '../engine';
import { UsageError } from './command';

// A number after the last colon is the weight: 0.8, .5, -1, 1e-1. A Windows drive letter's colon is followed by a backslash, not a number.
const WITH_WEIGHT = /^(.*):([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)$/i;

/** `--adapter <file>[:weight]`: the weight defaults to 1. */
export function parseAdapterArgument(text: string): AdapterUse {
  const m = WITH_WEIGHT.exec(text);
  const path = m ? m[1] : text;
  if (!path) throw new UsageError(`--adapter '${text}': no file given`);
  const weight = m ? Number(m[2]) : 1;
  if (!Number.isFinite(weight)) throw new UsageError(`--adapter '${text}': the weight is not a finite number`);
  return { path, weight };
}
