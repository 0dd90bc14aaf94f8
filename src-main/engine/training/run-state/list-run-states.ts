import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunStateName } from './run-state-files';

export interface RunStateEntry {
  name: string;
  step: number;
  savedAt: string;
}

/**
 * Checkpoints whose sidecar exists and names its step, oldest first (by step, then save time).
 * Listing does not verify the tensors; loading does.
 */
export async function listRunStates(dir: string): Promise<RunStateEntry[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: RunStateEntry[] = [];
  for (const file of files) {
    const name = file.endsWith('.json') ? file.slice(0, -'.json'.length) : '';
    if (!isRunStateName(name)) continue;
    try {
      const sidecar = JSON.parse(await readFile(join(dir, file), 'utf8')) as { step?: unknown; savedAt?: unknown };
      if (typeof sidecar.step === 'number' && typeof sidecar.savedAt === 'string') entries.push({ name, step: sidecar.step, savedAt: sidecar.savedAt });
    } catch {
      // Unreadable sidecar: not a finished checkpoint; loadLatestRunState reports why when it matters.
    }
  }
  return entries.sort((a, b) => a.step - b.step || (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : 0));
}
