import type { AdapterView, DatasetItemView, DatasetView, GenerationView, ModelView } from '../../contract';
import { fromStoredPath, type Adapter, type Dataset, type DatasetItem, type Generation, type Model, type Store } from '../../storage';
import { captionTags } from '../../storage';
import { datasetFlags, flagCounts, itemThumbnail } from '../datasets';
import { fileMedia, itemMedia } from './media';

/** Rows as the pages see them: absolute paths and media ids instead of stored paths. */

export function modelView(store: Store, model: Model): ModelView {
  const tokenizer = model.tokenizerId === null ? null : store.models.get(model.tokenizerId);
  return { ...model, absolutePath: fromStoredPath(store.dataDir, model.path), tokenizerName: tokenizer?.name ?? null };
}

export function datasetView(store: Store, dataset: Dataset): DatasetView {
  const items = store.items.list(dataset.id);
  return {
    ...dataset,
    items: items.length,
    excluded: items.filter((i) => i.excluded).length,
    flags: flagCounts(datasetFlags(dataset, items)),
  };
}

/** Every item of a dataset with its flags (duplicates are a property of the whole set). */
export function itemViews(store: Store, datasetId: number): DatasetItemView[] {
  const dataset = store.datasets.get(datasetId);
  const items = store.items.list(datasetId);
  const flags = datasetFlags(dataset, items);
  return items.map((item) => itemView(store, item, flags.get(item.id)));
}

export function itemView(store: Store, item: DatasetItem, flags = datasetFlags(store.datasets.get(item.datasetId), store.items.list(item.datasetId)).get(item.id)): DatasetItemView {
  return {
    ...item,
    thumbnail: fileMedia(store, itemThumbnail(store, item.datasetId, item.sha256)),
    original: itemMedia(item.id),
    flags: flags ?? { lowResolution: false, duplicateOf: null, nearDuplicateOf: null, noCaption: item.caption.trim() === '' },
    tags: captionTags(item.caption),
  };
}

export function adapterView(store: Store, adapter: Adapter, size: { sizeBytes: number; parameters: number }): AdapterView {
  return { ...adapter, absolutePath: fromStoredPath(store.dataDir, adapter.file), ...size };
}

export function generationView(store: Store, generation: Generation): GenerationView {
  return { ...generation, media: generation.images.map((image) => fileMedia(store, fromStoredPath(store.dataDir, image.file))) };
}
