import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { folderSlug, fromStoredPath, projectFolder, toStoredPath, type TrainingRun } from '../../storage';
import type { StudioHandlers } from '../../transport/rpc';
import type { ServiceContext } from './context';
import { fileMedia } from './media';
import { RUN_CONFIG_VERSION, runConfig } from './run-config';

type RunHandlers = Pick<StudioHandlers, 'runs.list' | 'runs.get' | 'runs.start' | 'runs.cancel' | 'runs.resume' | 'runs.useCheckpoint'>;

/**
 * Training runs through the engine process. Every event a run reports is recorded as it
 * arrives (metrics per step, checkpoints, samples), so the monitor is rebuilt from the
 * database after a reload or a restart; a run whose engine process died is marked failed with
 * the reason and resumes from its last checkpoint.
 */
export function runHandlers(ctx: ServiceContext): RunHandlers {
  const { store, hub, jobs, engine } = ctx;
  const changed = (run: TrainingRun) => hub.emit('changed', { what: 'runs', projectId: run.projectId, id: run.id });

  const train = (run: TrainingRun): TrainingRun => {
    if (jobs.find('train', run.id)) throw Object.assign(new Error(`run '${run.name}' is already training`), { code: 'conflict' });
    const running = store.runs.markRunning(run.id);
    changed(running);
    jobs.start({
      kind: 'train',
      projectId: run.projectId,
      subjectId: run.id,
      run: async (signal, emit) => {
        const stored = (path: string) => toStoredPath(store.dataDir, path);
        try {
          const result = await engine.train(
            { config: run.config },
            {
              signal,
              onEvent: (event) => {
                if (event.type === 'metrics') store.runs.recordMetric(run.id, { step: event.step, loss: event.loss, lr: event.lr, gradNorm: event.gradNorm, terms: event.terms });
                if (event.type === 'checkpoint') {
                  store.runs.addCheckpoint(run.id, { step: event.step, file: stored(join(fromStoredPath(store.dataDir, run.output), 'checkpoints', event.name)), adapterFile: stored(event.adapterPath) });
                  changed(run);
                }
                if (event.type === 'sample') {
                  store.runs.addSamples(run.id, event.step, event.paths.map(stored));
                  changed(run);
                }
                emit(event);
              },
            },
          );
          changed(store.runs.markEnded(run.id, 'completed'));
          return result;
        } catch (error) {
          const code = (error as { code?: string }).code;
          changed(code === 'cancelled' ? store.runs.markEnded(run.id, 'cancelled') : store.runs.markFailed(run.id, (error as Error).message));
          throw error;
        }
      },
    });
    return running;
  };

  return {
    'runs.list': async ({ projectId }) => {
      store.projects.get(projectId);
      return store.runs.list(projectId);
    },
    'runs.get': async ({ runId }) => {
      const run = store.runs.get(runId);
      const adapters = store.adapters.fromRun(runId);
      return {
        run,
        metrics: store.runs.metrics(runId),
        checkpoints: store.runs.checkpoints(runId).map((c) => ({ ...c, adapterId: adapters.find((a) => a.sourceStep === c.step)?.id ?? null })),
        samples: store.runs.samples(runId).map((s) => ({ ...s, media: fileMedia(store, fromStoredPath(store.dataDir, s.image)) })),
        jobId: jobs.find('train', runId)?.jobId ?? null,
      };
    },
    'runs.start': async (args) => {
      const project = store.projects.get(args.projectId);
      const name = args.name ?? `${args.settings.adapter.method ?? 'styleinject'} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
      const output = join(projectFolder(store, project), 'runs', `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${folderSlug(name)}`);
      await mkdir(output, { recursive: true });
      const config = await runConfig(store, args, output);
      const run = store.runs.create({
        projectId: project.id,
        name,
        datasetId: args.datasetId ?? null,
        baseModelId: args.modelId,
        configVersion: RUN_CONFIG_VERSION,
        config,
        output: toStoredPath(store.dataDir, output),
        totalSteps: args.settings.maxSteps,
      });
      return train(run);
    },
    'runs.cancel': async ({ runId }) => {
      const job = jobs.find('train', runId);
      if (!job) throw Object.assign(new Error('the run is not training now'), { code: 'conflict' });
      jobs.cancel(job.jobId);
      return store.runs.get(runId);
    },
    'runs.resume': async ({ runId }) => train(store.runs.get(runId)),
    'runs.useCheckpoint': async ({ runId, step }) => {
      const run = store.runs.get(runId);
      const checkpoint = store.runs.checkpoints(runId).find((c) => c.step === step);
      if (!checkpoint?.adapterFile) throw Object.assign(new Error(`run '${run.name}' has no adapter saved at step ${step}`), { code: 'not-found' });
      const existing = store.adapters.fromRun(runId).find((a) => a.sourceStep === step);
      if (existing) return existing;
      const adapterConfig = (run.config.adapter ?? {}) as Record<string, unknown>;
      const adapter = store.adapters.create({
        projectId: run.projectId,
        name: `${run.name} @ ${step}`,
        file: checkpoint.adapterFile,
        method: adapterConfig.method === 'lora' ? 'lora' : 'styleinject',
        settings: adapterConfig,
        sourceRunId: runId,
        sourceStep: step,
      });
      hub.emit('changed', { what: 'adapters', projectId: run.projectId, id: adapter.id });
      return adapter;
    },
  };
}

/** Runs the database says are running, left so by a studio that stopped (a crash, a killed process): failed, resumable. */
export function markInterruptedRuns(ctx: ServiceContext): void {
  for (const project of ctx.store.projects.list()) {
    for (const run of ctx.store.runs.list(project.id)) {
      if (run.status === 'running' || run.status === 'queued') ctx.store.runs.markFailed(run.id, 'the studio stopped while this run trained; resume continues from its last checkpoint');
    }
  }
}
