import { Badge, Group, Tooltip } from '@mantine/core';
import type { DatasetItemView } from '../../../../src-main/contract';
import { flagColor } from './FlagFilters';
import { FLAG_LABELS, hasFlag, type FlagName } from './item-filters';

const SHORT: Record<FlagName, string> = { lowResolution: 'low res', duplicate: 'duplicate', nearDuplicate: 'near dup', noCaption: 'no caption', excluded: 'excluded' };

function why(item: DatasetItemView, flag: FlagName): string {
  if (flag === 'lowResolution') return `${item.width}×${item.height}: the shorter edge is below the dataset's minimum`;
  if (flag === 'duplicate') return `The same file as image ${item.flags.duplicateOf}`;
  if (flag === 'nearDuplicate') return `Looks like image ${item.flags.nearDuplicateOf?.id} (distance ${item.flags.nearDuplicateOf?.distance})`;
  if (flag === 'noCaption') return 'Training uses an empty caption for it';
  return 'Left out of training';
}

/** The item's flags, each saying why on hover. */
export function ItemFlagBadges({ item }: { item: DatasetItemView }) {
  const flags = (Object.keys(FLAG_LABELS) as FlagName[]).filter((f) => f !== 'excluded' && hasFlag(item, f));
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Tooltip key={flag} label={why(item, flag)} withArrow>
          <Badge size="xs" variant="light" color={flagColor(flag)}>
            {SHORT[flag]}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
