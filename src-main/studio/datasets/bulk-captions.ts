import { z } from 'zod';
import { parseInput, StorageInputError, type Store } from '../../storage';
import { applyCaptionEdit, captionEditSchema } from './caption-edits';

const bulkInput = z
  .object({
    datasetId: z.number().int().positive(),
    /** The items to edit; all of the dataset's when absent. */
    itemIds: z.array(z.number().int().positive()).optional(),
    edit: captionEditSchema,
  })
  .strict();
export type BulkCaptionEdit = z.input<typeof bulkInput>;

/**
 * Applies one caption edit to many items in one transaction (all change or none). Returns
 * how many captions actually changed.
 */
export function editCaptions(store: Store, input: BulkCaptionEdit): number {
  const { datasetId, itemIds, edit } = parseInput(bulkInput, input, 'caption edit');
  const items = new Map(store.items.list(datasetId).map((item) => [item.id, item]));
  const unknown = itemIds?.filter((id) => !items.has(id)) ?? [];
  if (unknown.length > 0) {
    throw new StorageInputError('itemIds', `caption edit: 'itemIds': ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in dataset ${datasetId}`);
  }
  const changes = (itemIds ?? [...items.keys()])
    .map((id) => ({ id, before: items.get(id)!.caption }))
    .map(({ id, before }) => ({ id, before, caption: applyCaptionEdit(before, edit) }))
    .filter(({ before, caption }) => caption !== before)
    .map(({ id, caption }) => ({ id, caption }));
  store.items.setCaptions(changes);
  return changes.length;
}
