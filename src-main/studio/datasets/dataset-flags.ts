import type { Dataset, DatasetItem } from '../../storage';
import { hammingDistance } from './perceptual-hash';

export interface ItemFlags {
  /** Shorter edge below the dataset's minimum (the paper dropped images under 512 px). */
  lowResolution: boolean;
  /** The earlier item with exactly the same bytes. */
  duplicateOf: number | null;
  /** The earlier item that looks the same (perceptual hash within the dataset's distance), and how far. */
  nearDuplicateOf: { id: number; distance: number } | null;
  noCaption: boolean;
}

/**
 * Flags every item from the dataset's current settings; computed, not stored, so changing
 * the minimum edge or the near-duplicate distance takes effect at once. The earliest item of
 * a group is the original and is not flagged.
 */
export function datasetFlags(dataset: Pick<Dataset, 'minEdge' | 'nearDuplicateDistance'>, items: readonly DatasetItem[]): Map<number, ItemFlags> {
  const ordered = [...items].sort((a, b) => a.id - b.id);
  const firstWithBytes = new Map<string, number>();
  const flags = new Map<number, ItemFlags>();
  ordered.forEach((item, index) => {
    const duplicateOf = firstWithBytes.get(item.sha256) ?? null;
    if (duplicateOf === null) firstWithBytes.set(item.sha256, item.id);
    flags.set(item.id, {
      lowResolution: Math.min(item.width, item.height) < dataset.minEdge,
      duplicateOf,
      nearDuplicateOf: duplicateOf === null ? nearestEarlier(ordered, index, dataset.nearDuplicateDistance) : null,
      noCaption: item.caption.trim() === '',
    });
  });
  return flags;
}

/** The closest earlier item within `maxDistance` bits, ignoring exact copies (flagged as duplicates instead). */
function nearestEarlier(ordered: readonly DatasetItem[], index: number, maxDistance: number): ItemFlags['nearDuplicateOf'] {
  const item = ordered[index];
  let best: ItemFlags['nearDuplicateOf'] = null;
  for (let j = 0; j < index; j++) {
    const other = ordered[j];
    if (other.sha256 === item.sha256) continue;
    const distance = hammingDistance(item.dhash, other.dhash);
    if (distance <= maxDistance && (best === null || distance < best.distance)) best = { id: other.id, distance };
  }
  return best;
}

/** How many items carry each flag (the dataset page's summary line). */
export function flagCounts(flags: ReadonlyMap<number, ItemFlags>): Record<'lowResolution' | 'duplicate' | 'nearDuplicate' | 'noCaption', number> {
  const counts = { lowResolution: 0, duplicate: 0, nearDuplicate: 0, noCaption: 0 };
  for (const f of flags.values()) {
    counts.lowResolution += Number(f.lowResolution);
    counts.duplicate += Number(f.duplicateOf !== null);
    counts.nearDuplicate += Number(f.nearDuplicateOf !== null);
    counts.noCaption += Number(f.noCaption);
  }
  return counts;
}
