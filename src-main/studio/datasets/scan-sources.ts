import { existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { CAPTION_EXTENSIONS, IMAGE_EXTENSIONS } from './image-formats';
import { isInsideFolder } from '../../storage';
import { repeatsFromFolders } from './kohya-folder';

export interface ImageCandidate {
  /** The image as the user named it (inside the folder they picked, symlinks not resolved). */
  path: string;
  repeats: number;
  /** The same-name .txt (or .caption) beside it, if there is one. */
  captionFile: string | null;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ScanResult {
  candidates: ImageCandidate[];
  skipped: SkippedFile[];
}

/**
 * The images to import from files and folders (folders recursively, hidden entries ignored),
 * with kohya repeats and caption files. Symlinks are followed only while they stay inside the
 * folder being imported. Files that cannot be images are listed with the reason.
 */
export async function scanSources(sources: readonly string[]): Promise<ScanResult> {
  const result: ScanResult = { candidates: [], skipped: [] };
  for (const source of sources) {
    if (!existsSync(source)) {
      result.skipped.push({ path: source, reason: 'no such file or folder' });
      continue;
    }
    const info = await stat(source);
    if (info.isDirectory()) await walk(source, await realpath(source), source, new Set(), result);
    else addFile(source, dirname(source), result);
  }
  result.candidates.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

async function walk(folder: string, rootReal: string, root: string, seen: Set<string>, result: ScanResult): Promise<void> {
  const real = await realpath(folder);
  if (seen.has(real)) return; // a symlink loop inside the folder
  seen.add(real);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      const target = await realpath(path).catch(() => null);
      if (target === null) {
        result.skipped.push({ path, reason: 'a broken symlink' });
        continue;
      }
      if (!isInsideFolder(rootReal, target)) {
        result.skipped.push({ path, reason: `a symlink that leads outside the imported folder (to ${target})` });
        continue;
      }
      isDirectory = (await stat(path)).isDirectory();
    } else if (!entry.isFile() && !isDirectory) {
      result.skipped.push({ path, reason: 'not a regular file' });
      continue;
    }
    if (isDirectory) await walk(path, rootReal, root, seen, result);
    else addFile(path, root, result);
  }
}

function addFile(path: string, root: string, result: ScanResult): void {
  const extension = extname(path).toLowerCase();
  if (CAPTION_EXTENSIONS.includes(extension)) return; // read with its image
  if (!IMAGE_EXTENSIONS.has(extension)) {
    result.skipped.push({ path, reason: `unsupported file type '${extension || 'no extension'}': import PNG, JPEG or WebP images` });
    return;
  }
  result.candidates.push({ path, repeats: repeatsFromFolders(path, root), captionFile: captionBeside(path) });
}

function captionBeside(image: string): string | null {
  const stem = join(dirname(image), basename(image, extname(image)));
  return CAPTION_EXTENSIONS.map((ext) => stem + ext).find((file) => existsSync(file)) ?? null;
}
