import { join } from 'node:path';
import { projectFolder, type Dataset, type Store } from '../../storage';

/**
 * Where a dataset's files live in its project's folder. Copies and thumbnails are named by
 * content hash, so the same picture imported twice (or into two datasets) is stored once.
 */
export interface DatasetFiles {
  dataset: Dataset;
  imagesDir: string;
  thumbnailsDir: string;
}

export function datasetFiles(store: Store, datasetId: number): DatasetFiles {
  const dataset = store.datasets.get(datasetId);
  const folder = projectFolder(store, store.projects.get(dataset.projectId));
  return { dataset, imagesDir: join(folder, 'images'), thumbnailsDir: join(folder, 'thumbnails') };
}

export const imageCopyFile = (files: DatasetFiles, sha256: string, format: string) => join(files.imagesDir, `${sha256}.${format === 'jpeg' ? 'jpg' : format}`);

export const thumbnailFile = (files: DatasetFiles, sha256: string) => join(files.thumbnailsDir, `${sha256}.webp`);

/** An item's thumbnail (always in the project folder, whatever the dataset's storage). */
export function itemThumbnail(store: Store, datasetId: number, sha256: string): string {
  return thumbnailFile(datasetFiles(store, datasetId), sha256);
}
