import type { EngineErrorCode } from '../errors';

/** Node's file-system error codes: what each means, as the end of a sentence about a path, and its engine code. */
const FILE_ERRORS: Record<string, { code: EngineErrorCode; meaning: string }> = {
  ENOENT: { code: 'not-found', meaning: 'does not exist' },
  EISDIR: { code: 'bad-input', meaning: 'is a folder, not a file' },
  ENOTDIR: { code: 'bad-input', meaning: 'cannot be reached: a part of the path is a file, not a folder' },
  EACCES: { code: 'bad-input', meaning: 'cannot be accessed: permission denied' },
  EPERM: { code: 'bad-input', meaning: 'cannot be accessed: the system does not permit it' },
  EROFS: { code: 'bad-input', meaning: 'is on a read-only disk' },
  ENOSPC: { code: 'disk-full', meaning: 'cannot be written: the disk is full (free some space and try again)' },
  EDQUOT: { code: 'disk-full', meaning: 'cannot be written: the disk quota is used up' },
  ENAMETOOLONG: { code: 'bad-input', meaning: 'has a name too long for the file system' },
  EBUSY: { code: 'bad-input', meaning: 'is busy (in use by another program)' },
};

function known(error: unknown): { code: EngineErrorCode; meaning: string } | undefined {
  const errno = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof errno === 'string' ? FILE_ERRORS[errno] : undefined;
}

/** The end of a sentence for a file-system error ("is a folder, not a file"), or undefined for other errors. */
export function fileErrorMeaning(error: unknown): string | undefined {
  return known(error)?.meaning;
}

/** The engine's code for a file-system error (ENOSPC: 'disk-full' ...), or undefined for other errors. */
export function fileErrorCode(error: unknown): EngineErrorCode | undefined {
  return known(error)?.code;
}

/**
 * A file-system error as a sentence naming the path, e.g. "/tmp is a folder, not a file",
 * instead of Node's "EISDIR: illegal operation on a directory, read". Other errors keep their message.
 */
export function describeFileError(error: unknown, path?: string): string {
  const meaning = fileErrorMeaning(error);
  if (meaning === undefined) return error instanceof Error ? error.message : String(error);
  return `${path ?? (error as NodeJS.ErrnoException).path ?? 'the file'} ${meaning}`;
}
