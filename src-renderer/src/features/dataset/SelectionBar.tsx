import { Button, Group, Text } from '@mantine/core';
import { useStudioMutation } from '../../api/queries';

/** What to do with the selected images: leave them out of training, take them back, or clear the selection. */
export function SelectionBar({ selectedIds, shownIds, onSelect }: { selectedIds: number[]; shownIds: number[]; onSelect: (ids: number[]) => void }) {
  const exclude = useStudioMutation('datasets.setExcluded');
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed" miw={90}>
        {selectedIds.length} selected
      </Text>
      <Button size="xs" variant="default" onClick={() => onSelect(shownIds)} disabled={shownIds.length === 0}>
        Select shown
      </Button>
      <Button size="xs" variant="default" onClick={() => onSelect([])} disabled={selectedIds.length === 0}>
        Clear
      </Button>
      <Button size="xs" variant="light" disabled={selectedIds.length === 0} onClick={() => exclude.mutate({ itemIds: selectedIds, excluded: true })}>
        Exclude
      </Button>
      <Button size="xs" variant="light" disabled={selectedIds.length === 0} onClick={() => exclude.mutate({ itemIds: selectedIds, excluded: false })}>
        Include
      </Button>
    </Group>
  );
}
