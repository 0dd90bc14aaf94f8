/** A checkpoint could not be saved; the previous one is untouched and still `latest`. */
export class RunStateSaveError extends Error {
  constructor(
    readonly stage: SaveStage,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = 'RunStateSaveError';
  }
}

/** The writes of a save, in order. */
export type SaveStage = 'tensors' | 'sidecar' | 'latest';

/** The first errno code along an error's cause chain (fs errors get wrapped on the way up). */
export function errnoCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
