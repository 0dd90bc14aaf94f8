import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStopFilled } from '@tabler/icons-react';
import type { EngineEvent } from '../../../src-main/contract';
import type { JobState } from '../api/job-state';
import { useStudioMutation } from '../api/queries';
import { ErrorNotice } from './ErrorNotice';
import { formatDuration } from './format';

type ProgressEvent = Extract<EngineEvent, { type: 'progress' }>;

const PHASES: Record<string, string> = { load: 'Loading the model', prepare: 'Preparing', denoise: 'Denoising', decode: 'Decoding', train: 'Training', save: 'Saving', embed: 'Embedding' };

/**
 * Long work as the artist sees it: what it does, how far it is, how long is left, and a Stop
 * button; once it ends with an error, the error in words.
 */
export function JobProgress({
  job,
  label,
  format = (step, total) => `${step} / ${total}`,
  showPhase = true,
}: {
  job: JobState | undefined;
  label: string;
  /** The progress numbers in words; the whole event for jobs over many items (a study's images). */
  format?: (step: number, total: number, progress: ProgressEvent) => string;
  /** Off for one-phase work (downloads, imports), where the label says it all. */
  showPhase?: boolean;
}) {
  const cancel = useStudioMutation('jobs.cancel');
  if (!job) return null;
  if (job.done) return job.error ? <ErrorNotice error={job.error} /> : null;
  const p = job.progress;
  const fraction = p && p.total > 0 ? p.step / p.total : 0;
  const status = job.queuedBehind !== null ? `waiting for ${job.queuedBehind} other job${job.queuedBehind === 1 ? '' : 's'}` : p ? [showPhase && (PHASES[p.phase] ?? p.phase), p.total > 0 && format(p.step, p.total, p)].filter(Boolean).join(' · ') : 'starting…';
  return (
    <Stack gap={6} data-testid="job-progress" aria-live="polite">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={500} truncate>
          {label} — {status}
        </Text>
        <Group gap="xs" wrap="nowrap">
          {p?.etaMs !== undefined && p.step > 0 && (
            <Text size="xs" c="dimmed">
              about {formatDuration(p.etaMs)} left
            </Text>
          )}
          <Button size="xs" variant="light" color="red" leftSection={<IconPlayerStopFilled size={14} />} loading={cancel.isPending} onClick={() => cancel.mutate({ jobId: job.jobId })}>
            Stop
          </Button>
        </Group>
      </Group>
      <Progress value={fraction === 0 ? 100 : fraction * 100} animated={fraction === 0} striped={fraction === 0} aria-label={`${label} progress`} />
    </Stack>
  );
}
