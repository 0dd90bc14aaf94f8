import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEMP_MARKER } from './atomic-write';

/**
 * Removes temporary files and folders a killed process left in the data directory. Only the
 * holder of the data-directory lock calls this, so no live writer owns any of them.
 */
export function sweepTempFiles(dataDir: string): string[] {
  const leftovers = readdirSync(dataDir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.name.includes(TEMP_MARKER))
    .map((entry) => join(entry.parentPath, entry.name));
  // A temp folder's contents are listed too; removing the folder first makes theirs a no-op.
  for (const path of leftovers) rmSync(path, { recursive: true, force: true });
  return leftovers;
}
