import { ActionIcon, Badge, Group, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useStudioMutation, useStudioQuery } from '../../api/queries';
import { confirmDanger } from '../../components/confirm-danger';

/** The dataset's tags by how often they appear: click one to show only its images, or remove it everywhere. */
export function TagList({ datasetId, activeTag, onTag }: { datasetId: number; activeTag: string | null; onTag: (tag: string | null) => void }) {
  const tags = useStudioQuery('datasets.tags', { datasetId });
  const edit = useStudioMutation('datasets.editCaptions');
  const removeEverywhere = (tag: string, count: number) =>
    confirmDanger({
      title: `Remove the tag “${tag}”?`,
      message: `It is taken out of ${count} caption${count === 1 ? '' : 's'}.`,
      confirm: 'Remove tag',
      onConfirm: () => edit.mutate({ datasetId, edit: { kind: 'removeTag', tag } }),
    });
  if (tags.data?.length === 0) return <Text size="sm" c="dimmed">No tags yet: captions are split at commas into tags.</Text>;
  return (
    <ScrollArea.Autosize mah={280} type="auto">
      <Group gap={6} data-testid="tag-list">
        {tags.data?.map(({ tag, count }) => (
          <Badge
            key={tag}
            variant={activeTag === tag ? 'filled' : 'light'}
            color="gray"
            size="lg"
            tt="none"
            fw={400}
            pr={3}
            rightSection={
              <ActionIcon size="xs" variant="transparent" color="gray" aria-label={`Remove the tag ${tag} everywhere`} onClick={() => removeEverywhere(tag, count)}>
                <IconX size={12} />
              </ActionIcon>
            }
          >
            <UnstyledButton fz="sm" onClick={() => onTag(activeTag === tag ? null : tag)} aria-pressed={activeTag === tag} aria-label={`Show only images tagged ${tag} (${count})`}>
              {tag}{' '}
              <Text span size="xs" c="dimmed">
                {count}
              </Text>
            </UnstyledButton>
          </Badge>
        ))}
      </Group>
    </ScrollArea.Autosize>
  );
}
