import { ActionIcon, Box, Card, Checkbox, Group, Image, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import type { DatasetItemView } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { useStudio } from '../../api/studio-context';
import { CaptionField } from './CaptionField';
import { ItemFlagBadges } from './ItemFlagBadges';

export const THUMB_SIZE = 168;

/** One image of the dataset: select it, open it to set its crop focus, edit its caption, leave it out of training. */
export function ItemCard({ item, selected, onSelect, onOpen }: { item: DatasetItemView; selected: boolean; onSelect: (selected: boolean) => void; onOpen: () => void }) {
  const client = useStudio();
  const exclude = useStudioMutation('datasets.setExcluded');
  return (
    <Card withBorder padding={8} radius="md" h="100%" data-testid="dataset-item" data-excluded={item.excluded} style={{ opacity: item.excluded ? 0.5 : 1, borderColor: selected ? 'var(--mantine-primary-color-filled)' : undefined }}>
      <Group justify="space-between" mb={6} wrap="nowrap" gap={4}>
        <Checkbox size="xs" checked={selected} onChange={(e) => onSelect(e.currentTarget.checked)} aria-label={`Select image ${item.id}`} />
        <ItemFlagBadges item={item} />
        <Tooltip label={item.excluded ? 'Excluded from training: include it again' : 'Exclude from training'}>
          <ActionIcon size="sm" variant="subtle" color={item.excluded ? 'gray' : undefined} aria-pressed={item.excluded} aria-label={item.excluded ? `Include image ${item.id}` : `Exclude image ${item.id}`} onClick={() => exclude.mutate({ itemIds: [item.id], excluded: !item.excluded })}>
            {item.excluded ? <IconEyeOff size={16} /> : <IconEye size={16} />}
          </ActionIcon>
        </Tooltip>
      </Group>
      <UnstyledButton onClick={onOpen} aria-label={`Open image ${item.id} to set its crop focus`} style={{ position: 'relative', display: 'block', borderRadius: 6, overflow: 'hidden' }}>
        <Box bg="dark.8" h={THUMB_SIZE} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Image src={client.mediaUrl(item.thumbnail)} alt={item.caption || `image ${item.id}`} h={THUMB_SIZE} fit="contain" loading="lazy" style={{ imageRendering: item.width < 64 ? 'pixelated' : undefined }} />
        </Box>
        {item.focus && <Box aria-hidden style={{ position: 'absolute', left: `${item.focus.x * 100}%`, top: `${item.focus.y * 100}%`, width: 12, height: 12, marginLeft: -6, marginTop: -6, borderRadius: 6, border: '2px solid white', boxShadow: '0 0 0 2px black' }} />}
      </UnstyledButton>
      <Text size="xs" c="dimmed" mt={4} mb={4}>
        {item.width}×{item.height}
        {item.repeats > 1 ? ` · ×${item.repeats}` : ''}
      </Text>
      <CaptionField item={item} />
    </Card>
  );
}
