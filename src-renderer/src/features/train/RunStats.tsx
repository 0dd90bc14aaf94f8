import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { RunMetric, TrainingRun } from '../../../../src-main/contract';
import type { JobState } from '../../api/job-state';
import { formatBytes, formatDuration, formatFigure } from '../../components/format';

function Stat({ label, value, help }: { label: string; value: string; help: string }) {
  return (
    <Paper withBorder p="xs" radius="md" title={help}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg" data-testid={`stat-${label.toLowerCase().replace(/\W+/g, '-')}`}>
        {value}
      </Text>
    </Paper>
  );
}

/** The latest figures: loss and learning rate from the record; speed, time left and memory from the live job. */
export function RunStats({ run, last, job }: { run: TrainingRun; last: RunMetric | undefined; job: JobState | undefined }) {
  const live = run.status === 'running' || run.status === 'queued';
  const m = live ? job?.metrics : null;
  const eta = live ? job?.progress?.etaMs : undefined;
  const took = run.startedAt !== null && run.finishedAt !== null ? run.finishedAt - run.startedAt : null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
      <Stat label="Loss" value={formatFigure(last?.loss)} help="The training objective at the latest step (noisy: watch the trend)" />
      <Stat label="Learning rate" value={formatFigure(last?.lr)} help="After warm-up and schedule" />
      <Stat label="Steps / s" value={m ? m.stepsPerSecond.toFixed(2) : '—'} help="Training speed, averaged over recent steps" />
      {live || took === null ? <Stat label="Time left" value={eta !== undefined ? formatDuration(eta) : '—'} help="From the mean step time so far" /> : <Stat label="Took" value={formatDuration(took)} help="From start to finish (the last session, after a resume)" />}
      <Stat label="Memory" value={m ? formatBytes(m.memory.rssBytes) : '—'} help={m ? `Engine process; ${m.memory.numTensors} tensors, ${formatBytes(m.memory.numBytes)} in tensors` : 'The engine process, while it trains'} />
    </SimpleGrid>
  );
}
