import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp'];

/** One image found in a dataset folder, before it is opened. */
export interface ImageFile {
  image: string;
  /** The same-name .txt next to it (may not exist). */
  captionFile: string;
  repeats: number;
  /** The class words of a kohya `N_name` folder (the fallback caption), '' at the top level. */
  folderName: string;
}

export interface FolderListing {
  files: ImageFile[];
  /** Subfolders not in kohya's `N_name` form: not read, but worth telling the user. */
  ignoredFolders: string[];
}

const REPEAT_FOLDER = /^(\d+)_(.*)$/;

/**
 * The images of a dataset folder: those at its top level (1 repeat) and those in kohya-style
 * `N_name` subfolders (N repeats each). Sorted by path so the same folder always gives the same order.
 */
export async function listDatasetFolder(folder: string): Promise<FolderListing> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: ImageFile[] = imagesIn(folder, entries, 1, '');
  const ignoredFolders: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const match = REPEAT_FOLDER.exec(entry.name);
    const repeats = match ? Number(match[1]) : 0;
    if (!match || repeats < 1) {
      ignoredFolders.push(join(folder, entry.name));
      continue;
    }
    const sub = join(folder, entry.name);
    files.push(...imagesIn(sub, await readdir(sub, { withFileTypes: true }), repeats, match[2].replace(/_/g, ' ').trim()));
  }
  files.sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0));
  return { files, ignoredFolders };
}

function imagesIn(folder: string, entries: { name: string; isFile(): boolean }[], repeats: number, folderName: string): ImageFile[] {
  return entries
    .filter((e) => e.isFile() && IMAGE_EXTENSIONS.includes(extname(e.name).toLowerCase()))
    .map((e) => {
      const image = join(folder, e.name);
      return { image, captionFile: join(folder, `${basename(e.name, extname(e.name))}.txt`), repeats, folderName };
    });
}
