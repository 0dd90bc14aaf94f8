import { Button, Card, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TrainingRun } from '../../../../src-main/contract';
import { formatShortDate } from '../../components/format';
import { RunStatusBadge } from './RunStatusBadge';

/** The project's runs, newest first, and a new one. */
export function RunList({ projectId, runs, current }: { projectId: number; runs: TrainingRun[]; current: number | 'new' | null }) {
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Runs</Title>
        <Button component={Link} to={`/p/${projectId}/train/new`} size="xs" leftSection={<IconPlus size={14} />} variant={current === 'new' ? 'filled' : 'light'}>
          New run
        </Button>
      </Group>
      {runs.length === 0 && (
        <Text size="sm" c="dimmed">
          No runs yet.
        </Text>
      )}
      <ScrollArea.Autosize mah="calc(100vh - 220px)" type="auto">
        <Stack gap={2}>
          {runs.map((run) => (
            <NavLink
              key={run.id}
              component={Link}
              to={`/p/${projectId}/train/${run.id}`}
              active={current === run.id}
              label={run.name}
              description={`${formatShortDate(run.createdAt)} · ${run.totalSteps ?? '?'} steps`}
              rightSection={<RunStatusBadge status={run.status} />}
            />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Card>
  );
}
