import { fileErrorMeaning } from '../file-errors';

/**
 * Every problem with a safetensors file is reported through this one error type, so that
 * callers (and users) always learn which file and, where there is one, which tensor.
 */
export class SafetensorsError extends Error {
  constructor(
    readonly file: string,
    readonly tensor: string | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(tensor === undefined ? `${file}: ${detail}` : `${file}: tensor '${tensor}': ${detail}`, options);
    this.name = 'SafetensorsError';
  }
}

/** Describes any thrown value in one line (fs errors as what they mean, JSON errors, or non-Error throws). */
export function describeCause(cause: unknown): string {
  return fileErrorMeaning(cause) ?? (cause instanceof Error ? cause.message : String(cause));
}
