import { StorageError } from '../../storage';

/** A model the studio will not use, with the reason (SDXL, SD 2.x, a pickle file ...). */
export class ModelRefusedError extends StorageError {
  override name = 'ModelRefusedError';
  override readonly code = 'unsupported';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: not added: ${reason}`);
  }
}

/** A download that stopped; the partial file is kept so the next attempt resumes. */
export class DownloadError extends StorageError {
  override name = 'DownloadError';
}

/** The downloaded bytes do not have the SHA-256 the caller expected; the file was deleted. */
export class HashMismatchError extends StorageError {
  override name = 'HashMismatchError';
}
