import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEMP_MARKER } from './atomic-write';

/**
 * Removes temporary files a killed process left in the data directory. Only the holder of
 * the data-directory lock calls this, so no live writer owns any of them.
 */
export function sweepTempFiles(dataDir: string): string[] {
  const removed: string[] = [];
  for (const entry of readdirSync(dataDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.includes(TEMP_MARKER)) continue;
    const path = join(entry.parentPath, entry.name);
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}
