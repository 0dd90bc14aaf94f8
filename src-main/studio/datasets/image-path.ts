import { fromStoredPath, type DatasetItem, type Store } from '../../storage';

/** The absolute path of the image an item trains on (the project's copy or the original). */
export function itemImagePath(store: Store, item: DatasetItem): string {
  return fromStoredPath(store.dataDir, item.image);
}
