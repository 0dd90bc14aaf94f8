/**
 * The engine's error codes: a stable word beside every message, so a caller (the CLI's exit
 * code, the studio's "what to do next") can act on the kind of failure without parsing text.
 */
export const ENGINE_ERROR_CODES = [
  /** The request or a file it names is wrong: fix the input. */
  'bad-input',
  /** A file or folder the request names does not exist. */
  'not-found',
  /** A real thing this engine does not handle (LoHa files, pickle checkpoints, SDXL ...). */
  'unsupported',
  /** The job needs more memory than this machine or backend has. */
  'out-of-memory',
  /** No space left on the disk the job writes to. */
  'disk-full',
  /** The caller cancelled the job. */
  'cancelled',
  /** The engine process stopped (killed, crashed, out of memory) while the job ran or waited. */
  'engine-stopped',
  /** A bug: the message is all we know. */
  'internal',
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/** What crosses a process boundary: plain data, no stack. */
export interface EngineErrorData {
  code: EngineErrorCode;
  message: string;
}

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'EngineError';
  }

  toData(): EngineErrorData {
    return { code: this.code, message: this.message };
  }

  static fromData(data: EngineErrorData): EngineError {
    return new EngineError(data.code, data.message);
  }
}

/** Shorthand for the most common code: the caller's input is wrong. */
export function badInput(message: string, options?: ErrorOptions): EngineError {
  return new EngineError('bad-input', message, options);
}

export function isEngineErrorCode(value: unknown): value is EngineErrorCode {
  return typeof value === 'string' && (ENGINE_ERROR_CODES as readonly string[]).includes(value);
}
