import type { EngineEvent } from '../engine';
import { createEngine, EngineError, isEngineErrorCode } from '../engine';
import type { MethodInput, MethodName, MethodOutput, StudioEvents } from '../contract';
import { openStore, resolveDataDir } from '../storage';
import { createStudioService, type StudioService } from '../studio/service/studio-service';
import { dispatch } from '../transport/rpc';
import type { OptionSpec, OptionValues } from './command';

export const dataDirOption: OptionSpec = { 'data-dir': { type: 'string' } };
export const dataDirHelp = "--data-dir <path>    the studio's data folder (default: the platform's app-data place, as the app uses)";

export interface StudioSession {
  dataDir: string;
  /** A contract method, checked against its schema exactly as a window's call is. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Waits for a job the service started; `onEvent` sees its progress. */
  job(jobId: string, onEvent?: (event: EngineEvent) => void): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The studio's service on the command line: the same store (locked while the command runs:
 * close the app first, or use another --data-dir) and the same methods the app calls, with
 * the engine in this process.
 */
export function openStudioSession(values: OptionValues): StudioSession {
  const dataDir = resolveDataDir({ explicit: typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined });
  const store = openStore({ dataDir });
  const service: StudioService = createStudioService({ store, engine: createEngine(), mode: 'cli', version: 'cli' });
  // Events are kept per job until someone waits for it: a job may report before job() is called.
  const backlog = new Map<string, EngineEvent[]>();
  const waiting = new Map<string, (event: EngineEvent) => void>();
  service.subscribe((event, payload) => {
    if (event !== 'job') return;
    const { jobId, event: jobEvent } = payload as StudioEvents['job'];
    const listener = waiting.get(jobId);
    if (listener) listener(jobEvent);
    else backlog.set(jobId, [...(backlog.get(jobId) ?? []), jobEvent]);
  });
  return {
    dataDir,
    call: async (method, input) => {
      const reply = await dispatch(service.handlers, method, input);
      if (reply.ok) return reply.result as never;
      throw new EngineError(isEngineErrorCode(reply.error.code) ? reply.error.code : 'bad-input', reply.error.message);
    },
    job: (jobId, onEvent) =>
      new Promise((resolve, reject) => {
        const listener = (event: EngineEvent) => {
          onEvent?.(event);
          if (event.type === 'result') resolve(event.result);
          if (event.type === 'error') reject(new EngineError(event.error.code, event.error.message));
        };
        waiting.set(jobId, listener);
        backlog.get(jobId)?.forEach(listener);
        backlog.delete(jobId);
      }),
    close: () => service.close(),
  };
}
