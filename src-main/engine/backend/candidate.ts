import type { BackendName } from './backend-name';

export interface BackendOptions {
  /** Worker threads for backends that take a count (wasm); default: the backend's own choice. */
  threads?: number;
}

/** One way of running tfjs here; knows its packages and the platform, nothing else does. */
export interface Candidate {
  readonly name: BackendName;
  /**
   * Loads the backend's packages and checks the hardware. Throws BackendUnavailable (or any
   * error, whose message becomes the reason) when this backend cannot run here.
   */
  prepare(options: BackendOptions): Promise<PreparedBackend>;
}

export interface PreparedBackend {
  /** Set when the backend works but auto-selection should pass it over (e.g. a software GPU). */
  readonly demoted?: string;
  /** Makes it tfjs's active backend and returns what the report says about it ("simd, 1 thread"). */
  start(): Promise<string>;
}

/** The expected way for a backend to be missing: the message is the whole story. */
export class BackendUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BackendUnavailable';
  }
}

/** A short, single-line reason from whatever a backend threw. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim() || 'unknown error';
}

/** True when a dynamic import failed because the package is not installed. */
export function isMissingPackage(error: unknown, specifier: string): boolean {
  const e = error as { code?: string; message?: string };
  return (
    (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') &&
    (e.message ?? '').includes(specifier)
  );
}
