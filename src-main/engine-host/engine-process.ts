// The engine process: owns TensorFlow.js, the loaded models and the job queue, and runs the
// jobs its client sends. Started by child_process.fork (browser mode, tests) or by Electron's
// utilityProcess (the app); a crash here fails the client's jobs, never the app.
import { createEngine, EngineError, parseBackendName, type EngineApi, type EngineMethod, type EngineOptions } from '../engine';
import type { FromEngine, ToEngine } from './protocol';

interface ParentPort {
  send(message: FromEngine): void;
  onMessage(listener: (message: ToEngine) => void): void;
}

/** Electron's utilityProcess hands messages over process.parentPort; a forked Node child over process.send. */
function parentPort(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (electronPort) {
    return { send: (m) => electronPort.postMessage(m), onMessage: (l) => electronPort.on('message', (e) => l(e.data as ToEngine)) };
  }
  if (!process.send) throw new Error('the engine process must be started with an IPC channel (child_process.fork or utilityProcess)');
  // A parent that died (even by kill -9) leaves no one to report to: stop, rather than train on as an orphan.
  process.on('disconnect', () => process.exit(0));
  return {
    // The callback takes a failed send (the parent just went away) instead of an uncaught 'error'.
    send: (m) => process.connected && process.send?.(m, undefined, undefined, () => undefined),
    onMessage: (l) => process.on('message', (m) => l(m as ToEngine)),
  };
}

/** The client passes the engine options as JSON in the first argument. */
function engineOptionsFromArgv(text: string | undefined): EngineOptions {
  const raw = JSON.parse(text ?? '{}') as { backend?: string; threads?: number; maxLoadedModels?: number };
  return {
    ...(raw.backend !== undefined && { backend: parseBackendName(raw.backend, 'the engine options') }),
    ...(raw.threads !== undefined && { threads: raw.threads }),
    ...(raw.maxLoadedModels !== undefined && { maxLoadedModels: raw.maxLoadedModels }),
  };
}

function start(): void {
  const engine: EngineApi = createEngine(engineOptionsFromArgv(process.argv[2]));
  const port = parentPort();
  const running = new Map<number, { controller: AbortController; done: Promise<void> }>();

  const call = (id: number, method: EngineMethod, request: unknown) => {
    const controller = new AbortController();
    running.set(id, { controller, done: work(id, method, request, controller.signal) });
  };
  const work = async (id: number, method: EngineMethod, request: unknown, signal: AbortSignal) => {
    try {
      const run = engine[method] as (request: unknown, job: object) => Promise<unknown>;
      const result = await run(request, { signal, onEvent: (event: unknown) => port.send({ kind: 'event', id, event } as FromEngine) });
      port.send({ kind: 'done', id, result });
    } catch (error) {
      const data = error instanceof EngineError ? error.toData() : { code: 'internal' as const, message: String(error) };
      port.send({ kind: 'failed', id, error: data });
    } finally {
      running.delete(id);
    }
  };

  port.onMessage((message) => {
    switch (message.kind) {
      case 'call':
        call(message.id, message.method, message.request);
        break;
      case 'cancel':
        running.get(message.id)?.controller.abort();
        break;
      case 'close':
        // Jobs stop at their next step (a training run writes its checkpoint first), then the models go.
        for (const job of running.values()) job.controller.abort();
        void Promise.allSettled([...running.values()].map((j) => j.done))
          .then(() => engine.close())
          .then(() => process.exit(0));
        break;
    }
  });
  port.send({ kind: 'ready', pid: process.pid });
}

start();
