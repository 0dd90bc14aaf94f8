import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runStatePaths, isRunStateName } from './run-state-files';
import { listRunStates } from './list-run-states';

/**
 * Deletes all but the newest `keepLast` finished checkpoints (never `keep`, the one just saved),
 * plus leftovers of interrupted saves: tensor files without a sidecar and temporary files.
 * Sidecars go first, so a deletion cut short leaves an unfinished checkpoint, not a broken one.
 */
export async function pruneRunStates(dir: string, keepLast: number, options: { keep?: string; log?: (line: string) => void } = {}): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const finished = await listRunStates(dir);
  const kept = new Set(finished.slice(-keepLast).map((entry) => entry.name));
  if (options.keep) kept.add(options.keep);
  const removed: string[] = [];
  for (const { name } of finished) {
    if (kept.has(name)) continue;
    const paths = runStatePaths(dir, name);
    await rm(paths.sidecar, { force: true });
    await rm(paths.tensors, { force: true });
    removed.push(name);
  }
  const listed = new Set(finished.map((entry) => entry.name));
  for (const file of await readdir(dir)) {
    const orphan = file.endsWith('.safetensors') && isRunStateName(file.slice(0, -'.safetensors'.length)) && !listed.has(file.slice(0, -'.safetensors'.length));
    const temp = file.startsWith('.') && file.endsWith('.tmp');
    if (!orphan && !temp) continue;
    await rm(join(dir, file), { force: true });
    log(`checkpoints: removed ${file}, left by an interrupted save`);
  }
  if (removed.length > 0) log(`checkpoints: removed ${removed.join(', ')} (keeping the last ${keepLast})`);
  return removed;
}
