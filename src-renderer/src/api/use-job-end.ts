import { useEffect, useRef } from 'react';
import type { JobState } from './job-state';

/** Calls `onEnd` once when the job ends (with its result or its error). */
export function useJobEnd(job: JobState | undefined, onEnd: (job: JobState) => void): void {
  const handled = useRef<string | null>(null);
  const callback = useRef(onEnd);
  useEffect(() => {
    callback.current = onEnd;
  });
  useEffect(() => {
    if (job?.done && handled.current !== job.jobId) {
      handled.current = job.jobId;
      callback.current(job);
    }
  }, [job]);
}
