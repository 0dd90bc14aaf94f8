import { isAbsolute, relative, sep } from 'node:path';

/** Whether `path` is `folder` or lies below it (both absolute, symlinks already resolved if that matters). */
export function isInsideFolder(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
}
