import type { EngineErrorData, EngineEvent, EngineMethod } from '../engine';

/**
 * The messages between the engine process and its client. Structured-clone data: the same over
 * child_process.fork (advanced serialization) and Electron's utilityProcess.
 */
export type ToEngine =
  | { kind: 'call'; id: number; method: EngineMethod; request: unknown }
  | { kind: 'cancel'; id: number }
  /** Free the models and exit. */
  | { kind: 'close' };

export type FromEngine =
  | { kind: 'ready'; pid: number }
  | { kind: 'event'; id: number; event: EngineEvent }
  | { kind: 'done'; id: number; result: unknown }
  | { kind: 'failed'; id: number; error: EngineErrorData };

/** How a process ended, as Node reports it. */
export interface ProcessExit {
  code: number | null;
  signal: string | null;
}

/** One running engine process, seen from the client: the only thing that differs between fork and Electron. */
export interface EngineChannel {
  readonly pid: number | undefined;
  send(message: ToEngine): void;
  onMessage(listener: (message: FromEngine) => void): void;
  onExit(listener: (exit: ProcessExit) => void): void;
  kill(): void;
}

/** Starts a fresh engine process. */
export type EngineSpawner = () => EngineChannel;
