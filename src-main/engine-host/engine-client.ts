import { ENGINE_METHODS, EngineError, type EngineApi, type EngineEventListener, type EngineMethod, type EngineRequest, type EngineResult, type JobOptions } from '../engine';
import type { EngineChannel, EngineSpawner, FromEngine, ProcessExit } from './protocol';

interface Pending {
  method: EngineMethod;
  onEvent: EngineEventListener;
  resolve: (value: unknown) => void;
  reject: (error: EngineError) => void;
}

export interface EngineClient extends EngineApi {
  /** The engine process's pid, when one runs. */
  readonly pid: number | undefined;
}

/**
 * The engine API over messages to an engine process of its own, so minutes-long TensorFlow.js
 * kernels never block the caller. The process starts with the first call and keeps its models
 * between jobs. If it dies (out of memory, kill -9, a native crash), every job it ran or held
 * ends with an 'engine-stopped' error saying how, and the next call starts a fresh process.
 */
export function createEngineClient(spawn: EngineSpawner, options: { closeTimeoutMs?: number } = {}): EngineClient {
  let channel: EngineChannel | null = null;
  let closing = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const connect = (): EngineChannel => {
    if (channel) return channel;
    const opened = spawn();
    channel = opened;
    opened.onMessage((message) => receive(message));
    opened.onExit((exit) => {
      if (channel === opened) channel = null;
      failAll(closing ? 'the engine was closed' : describeExit(exit));
    });
    return opened;
  };

  const receive = (message: FromEngine) => {
    if (message.kind === 'ready') return;
    const job = pending.get(message.id);
    if (!job) return;
    if (message.kind === 'event') job.onEvent(message.event);
    else {
      pending.delete(message.id);
      if (message.kind === 'done') job.resolve(message.result);
      else job.reject(EngineError.fromData(message.error));
    }
  };

  const failAll = (message: string) => {
    for (const [id, job] of pending) {
      pending.delete(id);
      const error = new EngineError('engine-stopped', message);
      job.onEvent({ type: 'error', error: error.toData() });
      job.reject(error);
    }
  };

  const call = <M extends EngineMethod>(method: M, request: EngineRequest<M>, job: JobOptions<EngineResult<M>> = {}): Promise<EngineResult<M>> => {
    const onEvent = (job.onEvent ?? (() => undefined)) as EngineEventListener;
    if (job.signal?.aborted) {
      const error = new EngineError('cancelled', 'cancelled before it started');
      onEvent({ type: 'error', error: error.toData() });
      return Promise.reject(error);
    }
    const id = nextId++;
    return new Promise<EngineResult<M>>((resolve, reject) => {
      const onAbort = () => channel?.send({ kind: 'cancel', id });
      job.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => job.signal?.removeEventListener('abort', onAbort);
      pending.set(id, {
        method,
        onEvent,
        resolve: (value) => {
          settle();
          resolve(value as EngineResult<M>);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      connect().send({ kind: 'call', id, method, request });
    });
  };

  const api = Object.fromEntries(ENGINE_METHODS.map((method) => [method, (request: unknown, job?: JobOptions) => call(method, request as never, job as never)]));
  return {
    ...(api as unknown as Omit<EngineApi, 'close'>),
    get pid() {
      return channel?.pid;
    },
    close: async () => {
      const open = channel;
      if (!open) return;
      closing = true;
      await new Promise<void>((resolve) => {
        // Running jobs get this long to stop at a step boundary; a job stuck in a kernel does not hold the app open.
        const timer = setTimeout(() => open.kill(), options.closeTimeoutMs ?? 10_000);
        open.onExit(() => {
          clearTimeout(timer);
          resolve();
        });
        open.send({ kind: 'close' });
      });
      closing = false;
    },
  };
}

function describeExit(exit: ProcessExit): string {
  if (exit.signal === 'SIGKILL') return 'the engine process was killed (SIGKILL): usually the system ran out of memory, or it was stopped from outside. Start the job again; a training run resumes from its last checkpoint';
  if (exit.signal) return `the engine process stopped on signal ${exit.signal}. Start the job again; a training run resumes from its last checkpoint`;
  return `the engine process exited unexpectedly (code ${exit.code}). Start the job again; a training run resumes from its last checkpoint`;
}
