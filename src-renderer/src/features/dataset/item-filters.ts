import type { DatasetItemView } from '../../../../src-main/contract';

export type FlagName = 'lowResolution' | 'duplicate' | 'nearDuplicate' | 'noCaption' | 'excluded';

export const FLAG_LABELS: Record<FlagName, string> = {
  lowResolution: 'Low resolution',
  duplicate: 'Duplicate',
  nearDuplicate: 'Near duplicate',
  noCaption: 'No caption',
  excluded: 'Excluded',
};

export function hasFlag(item: DatasetItemView, flag: FlagName): boolean {
  switch (flag) {
    case 'lowResolution':
      return item.flags.lowResolution;
    case 'duplicate':
      return item.flags.duplicateOf !== null;
    case 'nearDuplicate':
      return item.flags.nearDuplicateOf !== null;
    case 'noCaption':
      return item.flags.noCaption;
    case 'excluded':
      return item.excluded;
  }
}

export interface ItemFilter {
  /** Items with any of these flags; none chosen: every item. */
  flags: FlagName[];
  /** Items whose caption has this tag. */
  tag: string | null;
  /** Caption text to look for (case-insensitive). */
  text: string;
}

export const NO_FILTER: ItemFilter = { flags: [], tag: null, text: '' };

export function filterItems(items: readonly DatasetItemView[], filter: ItemFilter): DatasetItemView[] {
  const text = filter.text.trim().toLowerCase();
  return items.filter(
    (item) =>
      (filter.flags.length === 0 || filter.flags.some((flag) => hasFlag(item, flag))) &&
      (filter.tag === null || item.tags.includes(filter.tag)) &&
      (text === '' || item.caption.toLowerCase().includes(text)),
  );
}

export function isFiltering(filter: ItemFilter): boolean {
  return filter.flags.length > 0 || filter.tag !== null || filter.text.trim() !== '';
}
