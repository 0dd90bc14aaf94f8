import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ModelDetection } from './detection';
import { tokenizerFilesAt } from './tokenizer-files';

export interface ModelFileSet {
  /** The folder files are named relative to (for hashing and copying). */
  root: string;
  files: string[];
  sizeBytes: number;
}

/** The files a model consists of: the file itself, a tokenizer's few files, or every file of a diffusers folder. */
export function modelFileSet(path: string, detection: ModelDetection): ModelFileSet {
  const isFolder = statSync(path).isDirectory();
  const root = isFolder ? path : join(path, '..');
  const files =
    detection.kind === 'tokenizer' ? tokenizerFilesAt(path).files : isFolder ? filesUnder(path) : [path];
  return { root, files, sizeBytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}

/** Regular files below `folder`, sorted, skipping hidden entries (.git, .cache). */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !relative(folder, join(e.parentPath, e.name)).split(sep).some((part) => part.startsWith('.')))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * SHA-256 of the files' bytes. For a single file it is the hash model sites and A1111 show;
 * a folder's also covers each file's relative name, so moving a file inside changes it.
 */
export async function hashFileSet(set: ModelFileSet, onProgress?: (hashedBytes: number, totalBytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  const single = set.files.length === 1;
  for (const file of set.files) {
    if (!single) hash.update(`${relative(set.root, file).split(sep).join('/')}\n`);
    for await (const chunk of createReadStream(file, { highWaterMark: 4 * 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      done += (chunk as Buffer).length;
      onProgress?.(done, set.sizeBytes);
    }
  }
  return hash.digest('hex');
}
