import { useQuery } from '@tanstack/react-query';
import { jobKey, type JobState } from './job-state';

/** One job's latest state (kept by useJobTracking); undefined until its first event arrives. */
export function useJob(jobId: string | null | undefined): JobState | undefined {
  const { data } = useQuery<JobState>({
    queryKey: jobKey(jobId ?? ''),
    // The state only ever comes from events: there is nothing to fetch.
    queryFn: () => Promise.reject(new Error('job state comes from events')),
    enabled: false,
  });
  return jobId ? data : undefined;
}
