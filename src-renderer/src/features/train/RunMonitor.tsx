import { Stack } from '@mantine/core';
import { useMemo } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckpointSamples } from './CheckpointSamples';
import { LossCharts } from './LossCharts';
import { RunHeader } from './RunHeader';
import { RunStats } from './RunStats';
import { metricsByStep, useRunDetail } from './use-run-detail';
import { PageLoader } from '../../components/PageLoader';

/** One run, live while it trains and as recorded afterwards. */
export function RunMonitor({ runId }: { runId: number }) {
  const { detail, job } = useRunDetail(runId);
  const metrics = useMemo(() => metricsByStep(detail.data?.metrics ?? []), [detail.data?.metrics]);
  if (detail.error) return <ErrorNotice error={detail.error} />;
  if (!detail.data) {
    return <PageLoader />;
  }
  const { run } = detail.data;
  const live = run.status === 'running' || run.status === 'queued';
  const last = metrics.at(-1);
  const step = Math.max(last?.step ?? 0, live && job?.progress?.phase === 'train' ? job.progress.step : 0);
  return (
    <Stack gap="md" data-testid="run-monitor" data-run-id={run.id}>
      <RunHeader run={run} step={step} job={job} />
      <RunStats run={run} last={last} job={job} />
      <LossCharts metrics={metrics} />
      <CheckpointSamples detail={detail.data} />
    </Stack>
  );
}
