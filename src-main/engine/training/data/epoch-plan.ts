import type { SeededGenerator } from '../../random';
import { bucketKey, type Size } from './aspect-buckets';
import { shuffled } from './caption-augment';

/** What planning needs of an item. */
export interface PlannedItem {
  repeats: number;
  size: Size;
}

/**
 * One epoch's batches as lists of item indices. Each item appears `repeats` times; within each
 * bucket (same training size) the copies are shuffled and cut into batches (the last may be
 * smaller), then the batches of all buckets are shuffled together. Every batch is one size,
 * so it stacks into one tensor. Deterministic in `rng`'s state.
 */
export function planEpoch(items: readonly PlannedItem[], batchSize: number, rng: SeededGenerator): number[][] {
  if (!(Number.isSafeInteger(batchSize) && batchSize >= 1)) throw new Error(`batch size must be an integer >= 1, got ${batchSize}`);
  const byBucket = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = bucketKey(item.size);
    const copies = byBucket.get(key) ?? [];
    for (let r = 0; r < item.repeats; r++) copies.push(index);
    byBucket.set(key, copies);
  });
  const batches: number[][] = [];
  for (const key of [...byBucket.keys()].sort()) {
    const order = shuffled(byBucket.get(key) as number[], rng);
    for (let start = 0; start < order.length; start += batchSize) batches.push(order.slice(start, start + batchSize));
  }
  return shuffled(batches, rng);
}
