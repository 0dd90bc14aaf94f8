import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { RunMetric } from '../../../../src-main/contract';
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
export function RunStats({ last, job, live }: { last: RunMetric | undefined; job: JobState | undefined; live: boolean }) {
  const m = live ? job?.metrics : null;
  const eta = live ? job?.progress?.etaMs : undefined;
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
      <Stat label="Loss" value={formatFigure(last?.loss)} help="The training objective at the latest step (noisy: watch the trend)" />
      <Stat label="Learning rate" value={formatFigure(last?.lr)} help="After warm-up and schedule" />
      <Stat label="Steps / s" value={m ? m.stepsPerSecond.toFixed(2) : '—'} help="Training speed, averaged over recent steps" />
      <Stat label="Time left" value={eta !== undefined ? formatDuration(eta) : '—'} help="From the mean step time so far" />
      <Stat label="Memory" value={m ? formatBytes(m.memory.rssBytes) : '—'} help={m ? `Engine process; ${m.memory.numTensors} tensors, ${formatBytes(m.memory.numBytes)} in tensors` : 'The engine process, while it trains'} />
    </SimpleGrid>
  );
}
