import { Alert, Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPlayFilled, IconPlayerStopFilled } from '@tabler/icons-react';
import type { TrainingRun } from '../../../../src-main/contract';
import type { JobState } from '../../api/job-state';
import { useStudioMutation } from '../../api/queries';
import { RunStatusBadge } from './RunStatusBadge';

/** The run's name and state, how far it is, and Stop (it writes a checkpoint first) or Resume (from the last checkpoint). */
export function RunHeader({ run, step, job }: { run: TrainingRun; step: number; job: JobState | undefined }) {
  const cancel = useStudioMutation('runs.cancel');
  const resume = useStudioMutation('runs.resume');
  const total = run.totalSteps ?? 0;
  const live = run.status === 'running' || run.status === 'queued';
  const preparing = live && job?.progress?.phase === 'prepare';
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={3}>{run.name}</Title>
          <RunStatusBadge status={run.status} />
        </Group>
        {live ? (
          <Button color="red" variant="light" leftSection={<IconPlayerStopFilled size={16} />} loading={cancel.isPending} onClick={() => cancel.mutate({ runId: run.id })}>
            Stop
          </Button>
        ) : (
          run.status !== 'completed' && (
            <Button leftSection={<IconPlayerPlayFilled size={16} />} loading={resume.isPending} onClick={() => resume.mutate({ runId: run.id })}>
              Resume
            </Button>
          )
        )}
      </Group>
      <Group justify="space-between">
        <Text size="sm" data-testid="run-step">
          Step {step} of {total}
        </Text>
        {preparing && (
          <Text size="sm" c="dimmed">
            Preparing: {job?.progress?.message ?? 'caching latents'} ({job?.progress?.step}/{job?.progress?.total})
          </Text>
        )}
      </Group>
      <Progress value={total > 0 ? (step / total) * 100 : 0} animated={live} aria-label="Training progress" />
      {run.status === 'failed' && run.failureReason && (
        <Alert color="red" title="The run stopped">
          {run.failureReason}. Resume continues from its last checkpoint.
        </Alert>
      )}
    </Stack>
  );
}
