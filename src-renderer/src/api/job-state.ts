import type { EngineEvent, InlineImage, JobKind, JobView, StudioError, StudioEvents } from '../../../src-main/contract';

type Progress = Extract<EngineEvent, { type: 'progress' }>;
type Metrics = Extract<EngineEvent, { type: 'metrics' }>;

/** What a page shows of one job: its latest figures, not its whole history. */
export interface JobState {
  jobId: string;
  kind: JobKind;
  /** Jobs before this one in the engine's queue; null once it runs. */
  queuedBehind: number | null;
  progress: Progress | null;
  preview: InlineImage[] | null;
  metrics: Metrics | null;
  /** The last few log lines (notes about the blend, "cancelled at step ..."). */
  logs: string[];
  done: boolean;
  result: unknown;
  error: StudioError | null;
}

const KEPT_LOG_LINES = 20;

export const jobKey = (jobId: string) => ['job', jobId] as const;

/** A job the page learned of from jobs.list (after a reload): its last progress is all there is. */
export function jobFromView(view: JobView): JobState {
  const empty = emptyJob(view.jobId, view.kind);
  return view.last ? applyJobEvent(empty, { jobId: view.jobId, kind: view.kind, event: view.last }) : empty;
}

function emptyJob(jobId: string, kind: JobKind): JobState {
  return { jobId, kind, queuedBehind: null, progress: null, preview: null, metrics: null, logs: [], done: false, result: undefined, error: null };
}

/** One job event folded into the state. */
export function applyJobEvent(state: JobState | undefined, { jobId, kind, event }: StudioEvents['job']): JobState {
  const s = state ?? emptyJob(jobId, kind);
  switch (event.type) {
    case 'queued':
      return { ...s, queuedBehind: event.position };
    case 'progress':
      return { ...s, queuedBehind: null, progress: event };
    case 'preview':
      return { ...s, preview: event.images };
    case 'metrics':
      return { ...s, metrics: event };
    case 'log':
      return { ...s, logs: [...s.logs, event.message].slice(-KEPT_LOG_LINES) };
    case 'result':
      return { ...s, done: true, result: event.result };
    case 'error':
      return { ...s, done: true, error: event.error };
    default:
      return s;
  }
}
