import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RunDetail, RunMetric } from '../../../../src-main/contract';
import { callKey, useStudioQuery } from '../../api/queries';
import { useStudio } from '../../api/studio-context';
import { useJob } from '../../api/use-job';

/** Metrics in step order, one per step (a resumed run records its steps again from the checkpoint). */
export function metricsByStep(metrics: readonly RunMetric[]): RunMetric[] {
  const byStep = new Map<number, RunMetric>();
  for (const m of metrics) byStep.set(m.step, m);
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/**
 * A run as the monitor shows it: what was recorded (runs.get, so a reloaded page or a
 * restarted app starts where the run is), with each live step appended as it arrives.
 */
export function useRunDetail(runId: number) {
  const client = useStudio();
  const queryClient = useQueryClient();
  const detail = useStudioQuery('runs.get', { runId });
  const jobId = detail.data?.jobId ?? null;
  const job = useJob(jobId);
  useEffect(() => {
    if (!jobId) return;
    return client.listen('job', ({ jobId: from, event }) => {
      if (from !== jobId || event.type !== 'metrics') return;
      queryClient.setQueryData<RunDetail>(callKey('runs.get', { runId }), (d) =>
        d ? { ...d, metrics: [...d.metrics, { step: event.step, loss: event.loss, lr: event.lr, gradNorm: event.gradNorm, terms: event.terms }] } : d,
      );
    });
  }, [client, queryClient, jobId, runId]);
  return { detail, job };
}
