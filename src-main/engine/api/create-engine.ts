import { initBackend, probeBackends, type BackendReport } from '../backend';
import { EngineError } from '../errors';
import { exportAdapterJob, inspectAdapterJob } from './adapter-jobs';
import { toEngineError } from './classify-error';
import { ENGINE_METHODS, QUEUED_METHODS, type EngineApi, type EngineMethod, type EngineRequest, type EngineResult } from './engine-api';
import type { EngineEventListener, JobOptions } from './events';
import { generateJob } from './generate-job';
import { JobQueue } from './job-queue';
import { ModelCache, modelKey } from './model-cache';
import { countParametersJob } from './params-job';
import { embedRoutesJob } from './embed-routes-job';
import { routerStudyJob } from './router-study-job';
import { trainJob } from './train-job';
import type { EngineOptions } from './types';

interface JobContext<M extends EngineMethod> {
  emit: EngineEventListener<EngineResult<M>>;
  signal?: AbortSignal;
}

type Handlers = { [M in EngineMethod]: (request: EngineRequest<M>, ctx: JobContext<M>) => Promise<EngineResult<M>> };

// Reading headers, counting shapes and embedding route vectors (plain JS) touch no tensors: they need no backend.
const WITHOUT_BACKEND: ReadonlySet<EngineMethod> = new Set(['inspectAdapter', 'countParameters', 'loadedModels', 'embedRoutes']);

/**
 * The engine in this process: one job queue, a cache of loaded models, and every method of
 * EngineApi. The CLI uses it directly; the studio reaches it through the engine process
 * (engine-host/), which wraps this same object.
 */
export function createEngine(options: EngineOptions = {}): EngineApi {
  const queue = new JobQueue();
  const models = new ModelCache(options.maxLoadedModels ?? 1);
  let started: Promise<BackendReport> | null = null;
  const backend = () => (started ??= initBackend({ force: options.backend, threads: options.threads }));
  let closed = false;

  const handlers: Handlers = {
    backend: async (request) => {
      const report = await backend();
      if (!request.probeAll) return report;
      const probes = await probeBackends({ threads: options.threads });
      return { ...report, probes };
    },
    loadModel: (spec) => models.load(spec),
    unloadModel: async (spec) => ({ unloaded: models.unload(spec) }),
    loadedModels: async () => models.list(),
    generate: (request, ctx) => generateJob(request, { model: () => models.get(request.model), emit: ctx.emit, signal: ctx.signal }),
    train: async (request, ctx) => {
      const result = await trainJob(request, {
        emit: ctx.emit,
        signal: ctx.signal,
        loadedModel: (spec) => (models.has(spec) ? models.peek(spec) : null),
        freeOtherModels: (keep) => models.list().filter((m) => m.key !== modelKey(keep)).forEach((m) => models.unloadByKey(m.key)),
      });
      if (result.status === 'cancelled') {
        const resume = result.checkpoint ? `; checkpoint ${result.checkpoint} is kept and the same request resumes from it` : '';
        throw new EngineError('cancelled', `training cancelled at step ${result.step} of ${result.totalSteps}${resume}`);
      }
      return result;
    },
    inspectAdapter: (request) => inspectAdapterJob(request),
    exportAdapter: (request) => exportAdapterJob(request),
    countParameters: (request) => countParametersJob(request),
    routerStudy: (request, ctx) => routerStudyJob(request, { model: () => models.get(request.model), emit: ctx.emit, signal: ctx.signal }),
    embedRoutes: (request, ctx) => embedRoutesJob(request, { emit: ctx.emit, signal: ctx.signal }),
  };

  async function call<M extends EngineMethod>(method: M, request: EngineRequest<M>, job: JobOptions<EngineResult<M>> = {}): Promise<EngineResult<M>> {
    const emit: EngineEventListener<EngineResult<M>> = job.onEvent ?? (() => undefined);
    try {
      if (closed) throw new EngineError('engine-stopped', 'the engine was closed');
      if (!WITHOUT_BACKEND.has(method)) await backend();
      const work = () => handlers[method](request, { emit, signal: job.signal });
      const result = QUEUED_METHODS.has(method)
        ? await queue.run(work, { signal: job.signal, onPosition: (position) => emit({ type: 'queued', position }) })
        : await work();
      emit({ type: 'result', result });
      return result;
    } catch (error) {
      const failure = toEngineError(error);
      emit({ type: 'error', error: failure.toData() });
      throw failure;
    }
  }

  const api = Object.fromEntries(
    ENGINE_METHODS.map((method) => [method, (request: EngineRequest<typeof method>, job?: JobOptions) => call(method, request, job as JobOptions<EngineResult<typeof method>>)]),
  ) as unknown as Omit<EngineApi, 'close'>;
  return {
    ...api,
    close: async () => {
      closed = true;
      models.unloadAll();
    },
  };
}
