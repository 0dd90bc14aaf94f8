import { randomUUID } from 'node:crypto';
import type { JobKind, JobView } from '../../contract';
import type { EngineEvent } from '../../engine';
import type { EventHub } from './event-hub';

interface Job {
  view: JobView;
  controller: AbortController;
}

export interface JobStart {
  kind: JobKind;
  projectId: number | null;
  subjectId: number | null;
  /** The work: reports through `emit`, stops when `signal` aborts; its value becomes the 'result' event. */
  run: (signal: AbortSignal, emit: (event: EngineEvent) => void) => Promise<unknown>;
  /** Told when the job ends, whatever the outcome (the job's own bookkeeping). */
  onEnd?: () => void;
}

/**
 * Long work the service started for a window: generations, training runs, imports, downloads.
 * Every job's events go to every window as 'job' events, ending with exactly one 'result' or
 * 'error'; a reloaded page asks jobs.list to reattach.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly hub: EventHub) {}

  start(job: JobStart): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    const view: JobView = { jobId, kind: job.kind, projectId: job.projectId, subjectId: job.subjectId, startedAt: Date.now(), last: null };
    this.jobs.set(jobId, { view, controller });
    const emit = (event: EngineEvent) => {
      // The job's own result and error come from its promise below, once.
      if (event.type === 'result' || event.type === 'error') return;
      if (event.type === 'progress' || event.type === 'queued') view.last = event;
      this.hub.emit('job', { jobId, kind: job.kind, event });
    };
    void job
      .run(controller.signal, emit)
      .then(
        (result) => this.hub.emit('job', { jobId, kind: job.kind, event: { type: 'result', result } }),
        (error: unknown) => {
          const code = (error as { code?: string }).code;
          const message = error instanceof Error ? error.message : String(error);
          this.hub.emit('job', { jobId, kind: job.kind, event: { type: 'error', error: { code: (code ?? 'internal') as never, message } } });
        },
      )
      .finally(() => {
        this.jobs.delete(jobId);
        job.onEnd?.();
      });
    return jobId;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    job?.controller.abort();
    return job !== undefined;
  }

  list(): JobView[] {
    return [...this.jobs.values()].map((j) => ({ ...j.view }));
  }

  /** The running job of this kind on this subject (a run's training), if any. */
  find(kind: JobKind, subjectId: number): JobView | undefined {
    return this.list().find((j) => j.kind === kind && j.subjectId === subjectId);
  }

  cancelAll(): void {
    for (const job of this.jobs.values()) job.controller.abort();
  }
}
