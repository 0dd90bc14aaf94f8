import { ActionIcon, Button, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Project } from '../../../../src-main/contract';
import { formatDate } from '../../components/format';

/** One project: open it, rename it, delete it. */
export function ProjectCard({ project, onRename, onDelete }: { project: Project; onRename: () => void; onDelete: () => void }) {
  return (
    <Card withBorder padding="md" data-testid="project-card">
      <Stack gap={6} h="100%">
        <Text fw={600} size="lg" truncate>
          {project.name}
        </Text>
        <Text size="sm" c="dimmed" lineClamp={2} style={{ flexGrow: 1 }}>
          {project.description || 'No note'}
        </Text>
        <Text size="xs" c="dimmed">
          Created {formatDate(project.createdAt)}
        </Text>
        <Group justify="space-between" mt="xs">
          <Button component={Link} to={`/p/${project.id}/dataset`} size="sm">
            Open
          </Button>
          <Group gap={4}>
            <Tooltip label="Rename">
              <ActionIcon variant="subtle" aria-label={`Rename ${project.name}`} onClick={onRename}>
                <IconPencil size={18} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Delete">
              <ActionIcon variant="subtle" color="red" aria-label={`Delete ${project.name}`} onClick={onDelete}>
                <IconTrash size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}
