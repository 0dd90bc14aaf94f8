import { StorageError, type Store } from '../../storage';
import { itemImagePath } from './image-path';

/** The training config's `dataset` in its explicit form (engine training/run/config-parse). */
export interface TrainingDataset {
  items: { image: string; caption: string; repeats: number }[];
}

/**
 * A dataset as training takes it: every included item's absolute image path, caption and
 * repeats; excluded items are left out. An empty result is an error the user can act on.
 */
export function datasetForTraining(store: Store, datasetId: number): TrainingDataset {
  const dataset = store.datasets.get(datasetId);
  const items = store.items
    .list(datasetId)
    .filter((item) => !item.excluded)
    .map((item) => ({ image: itemImagePath(store, item), caption: item.caption, repeats: item.repeats }));
  if (items.length === 0) throw new StorageError(`dataset '${dataset.name}' has no included images: import some, or include excluded ones, before training`);
  return { items };
}
