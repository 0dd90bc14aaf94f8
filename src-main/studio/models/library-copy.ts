import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { copyFileAtomic, describeWriteError, tempPathFor, toStoredPath, type Store } from '../../storage';
import type { ModelFileSet } from './model-files';

export const LIBRARY_FOLDERS = { models: 'models', tokenizers: 'tokenizers' } as const;

/**
 * Copies a model's files into the data directory's library (`models/` or `tokenizers/`),
 * under a name that starts with its hash so two models never collide. A folder is filled
 * under a temporary name and renamed when complete. Returns the stored (relative) path.
 */
export async function copyIntoLibrary(store: Store, source: string, set: ModelFileSet, sha256: string, folder: keyof typeof LIBRARY_FOLDERS): Promise<string> {
  const dest = join(store.dataDir, LIBRARY_FOLDERS[folder], `${sha256.slice(0, 12)}-${basename(source)}`);
  await mkdir(dirname(dest), { recursive: true });
  if (set.files.length === 1 && set.files[0] === source) {
    await copyFileAtomic(source, dest, store.files);
    return toStoredPath(store.dataDir, dest);
  }
  const temp = tempPathFor(dest);
  try {
    for (const file of set.files) {
      const target = join(temp, relative(set.root, file));
      await mkdir(dirname(target), { recursive: true });
      await store.files.copyNew(file, target);
    }
    await store.files.rename(temp, dest);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw describeWriteError(dest, error);
  }
  return toStoredPath(store.dataDir, dest);
}
