import { isAbsolute, join, relative, sep } from 'node:path';
import { isInsideFolder } from './inside-folder';

/**
 * Paths as the database keeps them: files inside the data directory relative to it, with '/'
 * separators (the folder can move, even to another OS); files referenced in place (a model
 * in the user's own folder, a dataset image kept where it is) as absolute paths.
 */
export function toStoredPath(dataDir: string, absolute: string): string {
  if (absolute === dataDir || !isInsideFolder(dataDir, absolute)) return absolute;
  return relative(dataDir, absolute).split(sep).join('/');
}

export function fromStoredPath(dataDir: string, stored: string): string {
  return isAbsolute(stored) ? stored : join(dataDir, ...stored.split('/'));
}
