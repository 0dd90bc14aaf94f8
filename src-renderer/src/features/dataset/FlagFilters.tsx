import { Chip, Group } from '@mantine/core';
import type { DatasetItemView } from '../../../../src-main/contract';
import { FLAG_LABELS, hasFlag, type FlagName } from './item-filters';

const COLORS: Record<FlagName, string> = { lowResolution: 'orange', duplicate: 'red', nearDuplicate: 'yellow', noCaption: 'blue', excluded: 'gray' };

/** Show only the items with these flags (any of them), each with how many items have it. */
export function FlagFilters({ items, value, onChange }: { items: readonly DatasetItemView[]; value: FlagName[]; onChange: (flags: FlagName[]) => void }) {
  return (
    <Chip.Group multiple value={value} onChange={(v) => onChange(v as FlagName[])}>
      <Group gap="xs" role="group" aria-label="Show only items flagged">
        {(Object.keys(FLAG_LABELS) as FlagName[]).map((flag) => (
          <Chip key={flag} value={flag} size="sm" color={COLORS[flag]} variant="light">
            {FLAG_LABELS[flag]} ({items.filter((i) => hasFlag(i, flag)).length})
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}

export function flagColor(flag: FlagName): string {
  return COLORS[flag];
}
