import { fromStoredPath, isInsideFolder, StorageInputError, type DatasetItem, type Store } from '../../storage';
import { datasetFiles, thumbnailFile, type DatasetFiles } from './dataset-files';

/**
 * Removes items from a dataset: rows first (one transaction), then the project's copies and
 * thumbnails no remaining item uses. Originals referenced in place are never touched. A crash
 * between the two steps leaves unused files, never a row without its file.
 */
export async function removeItems(store: Store, datasetId: number, itemIds: readonly number[]): Promise<void> {
  const files = datasetFiles(store, datasetId);
  const foreign = itemIds.filter((id) => store.items.get(id).datasetId !== datasetId);
  if (foreign.length > 0) throw new StorageInputError('itemIds', `remove items: 'itemIds': ${foreign.join(', ')} not in dataset '${files.dataset.name}'`);
  await removeUnusedFiles(store, files, store.items.remove(itemIds));
}

/** Deletes a dataset with its items, then the files only it used. */
export async function deleteDataset(store: Store, datasetId: number): Promise<void> {
  const files = datasetFiles(store, datasetId);
  const items = store.items.list(datasetId);
  store.datasets.delete(datasetId);
  await removeUnusedFiles(store, files, items);
}

async function removeUnusedFiles(store: Store, files: DatasetFiles, removed: readonly DatasetItem[]): Promise<void> {
  for (const item of removed) {
    const copy = fromStoredPath(store.dataDir, item.image);
    if (isInsideFolder(files.imagesDir, copy) && !store.items.isImageUsed(item.image)) await store.files.remove(copy);
    if (!store.items.isContentUsedInProject(files.dataset.projectId, item.sha256)) await store.files.remove(thumbnailFile(files, item.sha256));
  }
}
