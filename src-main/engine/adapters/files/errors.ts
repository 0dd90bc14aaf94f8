/** A problem with an adapter file: names the file and, when it is about one tensor, its key. */
export class AdapterFileError extends Error {
  constructor(
    readonly path: string,
    readonly key: string | undefined,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${path}${key ? ` [${key}]` : ''}: ${detail}`, options);
    this.name = 'AdapterFileError';
  }
}
