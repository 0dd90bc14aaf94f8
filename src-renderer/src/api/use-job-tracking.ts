import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { applyJobEvent, jobFromView, jobKey, type JobState } from './job-state';
import { useStudio } from './studio-context';

/**
 * Keeps every job's latest state in the query cache, from the `job` events; on start (a
 * reloaded page) it reattaches to the jobs running now through jobs.list.
 */
export function useJobTracking(): void {
  const client = useStudio();
  const queryClient = useQueryClient();
  useEffect(() => {
    queryClient.setQueryDefaults(['job'], { gcTime: Infinity, staleTime: Infinity });
    const stop = client.listen('job', (payload) => {
      const before = queryClient.getQueryData<JobState>(jobKey(payload.jobId));
      queryClient.setQueryData<JobState>(jobKey(payload.jobId), (state) => applyJobEvent(state, payload));
      const ended = payload.event.type === 'result' || payload.event.type === 'error';
      if (!before || ended) void queryClient.invalidateQueries({ queryKey: ['jobs.list'] });
    });
    void client.call('jobs.list', {}).then((views) => {
      for (const view of views) {
        if (!queryClient.getQueryData(jobKey(view.jobId))) queryClient.setQueryData(jobKey(view.jobId), jobFromView(view));
      }
    });
    return stop;
  }, [client, queryClient]);
}
