import { join } from 'node:path';

/**
 * A training folder holds, per checkpoint, `<name>.safetensors` (adapter + optimizer tensors)
 * and `<name>.json` (the sidecar, written second: its presence marks a finished checkpoint),
 * plus one `latest` file naming the newest finished checkpoint (written last).
 */
export const LATEST_FILE = 'latest';

const NAME = /^step-(\d{8,})-([0-9a-z]+)$/;

/** Sortable by step; the save time makes a re-save at the same step a new name, never an overwrite of what `latest` names. */
export function runStateName(step: number, now = Date.now()): string {
  return `step-${String(step).padStart(8, '0')}-${now.toString(36)}`;
}

export function isRunStateName(name: string): boolean {
  return NAME.test(name);
}

export function runStatePaths(dir: string, name: string): { tensors: string; sidecar: string } {
  return { tensors: join(dir, `${name}.safetensors`), sidecar: join(dir, `${name}.json`) };
}
