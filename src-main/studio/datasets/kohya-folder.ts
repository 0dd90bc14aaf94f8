import { basename, dirname } from 'node:path';
import { isInsideFolder } from '../../storage';

const REPEAT_FOLDER = /^(\d+)_(.+)$/;

/** A kohya `N_name` folder name's repeat count and name, or null if it is not one. */
export function parseKohyaFolder(name: string): { repeats: number; name: string } | null {
  const match = REPEAT_FOLDER.exec(name);
  const repeats = match ? Number(match[1]) : 0;
  return match && repeats >= 1 ? { repeats, name: match[2] } : null;
}

/**
 * The repeats an image gets from the nearest kohya `N_name` folder above it, up to and
 * including the imported folder itself; 1 when there is none.
 */
export function repeatsFromFolders(image: string, root: string): number {
  for (let folder = dirname(image); isInsideFolder(root, folder); folder = dirname(folder)) {
    const parsed = parseKohyaFolder(basename(folder));
    if (parsed) return parsed.repeats;
    if (folder === root || folder === dirname(folder)) break;
  }
  return 1;
}

/** A kohya folder name for `repeats` copies of a dataset called `name`. */
export function kohyaFolderName(repeats: number, name: string): string {
  const safe = name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'dataset';
  return `${repeats}_${safe}`;
}
