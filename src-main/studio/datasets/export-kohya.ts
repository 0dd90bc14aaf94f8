import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { copyFileAtomic, StorageError, writeFileAtomic, type Store } from '../../storage';
import { itemImagePath } from './image-path';
import { kohyaFolderName } from './kohya-folder';

export interface KohyaExport {
  folder: string;
  /** The `N_name` subfolders written, one per repeat count. */
  subfolders: string[];
  images: number;
}

/**
 * Writes the dataset's included items as a kohya folder other trainers read: one `N_name`
 * subfolder per repeat count, each image under its original file name (numbered on a clash)
 * with a same-name .txt caption. The target must be new or empty, so nothing is mixed in.
 */
export async function exportKohyaFolder(store: Store, datasetId: number, folder: string): Promise<KohyaExport> {
  const dataset = store.datasets.get(datasetId);
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new StorageError(`${folder} is not empty: export into a new or empty folder, so the export holds this dataset only`, { code: 'conflict' });
  }
  const items = store.items.list(datasetId).filter((item) => !item.excluded);
  const byRepeats = new Map<number, typeof items>();
  for (const item of items) byRepeats.set(item.repeats, [...(byRepeats.get(item.repeats) ?? []), item]);
  const subfolders: string[] = [];
  for (const [repeats, group] of [...byRepeats].sort(([a], [b]) => a - b)) {
    const sub = join(folder, kohyaFolderName(repeats, dataset.name));
    await mkdir(sub, { recursive: true });
    subfolders.push(sub);
    const taken = new Set<string>();
    for (const item of group) {
      const stem = uniqueStem(basename(item.source, extname(item.source)), taken);
      const image = itemImagePath(store, item);
      const extension = extname(image).toLowerCase() || `.${item.format}`;
      await copyFileAtomic(image, join(sub, stem + extension), store.files);
      await writeFileAtomic(join(sub, `${stem}.txt`), Buffer.from(item.caption, 'utf8'), store.files);
    }
  }
  return { folder, subfolders, images: items.length };
}

/** File stems compared case-insensitively, as Windows and macOS folders do. */
function uniqueStem(stem: string, taken: Set<string>): string {
  let candidate = stem;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
