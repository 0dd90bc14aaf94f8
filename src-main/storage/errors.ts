/** The kinds of storage failure, in the engine's words (see engine/errors.ts), so callers handle one set of codes. */
export type StorageErrorCode = 'bad-input' | 'not-found' | 'unsupported' | 'disk-full' | 'conflict' | 'internal';

/** A storage problem a user can act on: the message says what is wrong and what to do. */
export class StorageError extends Error {
  override name = 'StorageError';
  readonly code: StorageErrorCode = 'bad-input';

  /** `code` says which kind of failure this is when it is not bad input. */
  constructor(message: string, options: ErrorOptions & { code?: StorageErrorCode } = {}) {
    super(message, options);
    if (options.code) this.code = options.code;
  }
}

/** Input that failed validation; `field` names the first offending field (dotted path). */
export class StorageInputError extends StorageError {
  override name = 'StorageInputError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A row that was asked for by id and is not there. */
export class NotFoundError extends StorageError {
  override name = 'NotFoundError';
  override readonly code = 'not-found';

  constructor(what: string, id: number | string) {
    super(`no ${what} with id ${id}: it may have been deleted; refresh the list and pick again`);
  }
}
