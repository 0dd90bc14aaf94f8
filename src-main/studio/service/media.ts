import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromStoredPath, isInsideFolder, toStoredPath, type Store } from '../../storage';
import { itemImagePath } from '../datasets';

/**
 * Media ids: what the page puts in an <img> src through the host (never a file:// path).
 *   file:<path inside the data directory>  thumbnails, generated images, training samples
 *   item:<dataset item id>                 a dataset item's original image (a referenced one lies outside)
 */
export function fileMedia(store: Store, absolute: string): string {
  return `file:${toStoredPath(store.dataDir, resolve(absolute)).split('\\').join('/')}`;
}

export function itemMedia(itemId: number): string {
  return `item:${itemId}`;
}

/** The file a media id stands for, or null: never anything outside the data directory but a dataset's own images. */
export function resolveMedia(store: Store, media: string): string | null {
  if (media.startsWith('file:')) {
    const stored = media.slice('file:'.length);
    const absolute = resolve(fromStoredPath(store.dataDir, stored));
    if (!isInsideFolder(store.dataDir, absolute)) return null;
    return existsSync(absolute) ? absolute : null;
  }
  if (media.startsWith('item:')) {
    const id = Number(media.slice('item:'.length));
    if (!Number.isSafeInteger(id) || id < 1) return null;
    try {
      const file = itemImagePath(store, store.items.get(id));
      return existsSync(file) ? file : null;
    } catch {
      return null;
    }
  }
  return null;
}
