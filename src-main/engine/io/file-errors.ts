/** What Node's file-system error codes mean, as the end of a sentence about a path. */
const MEANINGS: Record<string, string> = {
  ENOENT: 'does not exist',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'cannot be reached: a part of the path is a file, not a folder',
  EACCES: 'cannot be accessed: permission denied',
  EPERM: 'cannot be accessed: the operation is not permitted',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'cannot be written: the disk is full',
  EDQUOT: 'cannot be written: the disk quota is used up',
  ENAMETOOLONG: 'has a name too long for the file system',
  EMFILE: 'cannot be opened: too many files are open',
  EBUSY: 'is busy (in use by another program)',
};

/** A Node error that carries a file-system code (ENOENT, EISDIR ...). */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code! in MEANINGS;
}

/** The end of a sentence for a file-system error ("is a folder, not a file"), or undefined for other errors. */
export function fileErrorMeaning(error: unknown): string | undefined {
  return isFileSystemError(error) ? MEANINGS[error.code] : undefined;
}

/**
 * A file-system error as a sentence naming the path, e.g. "/tmp is a folder, not a file",
 * instead of Node's "EISDIR: illegal operation on a directory, read". Other errors keep their message.
 */
export function describeFileError(error: unknown, path?: string): string {
  if (!isFileSystemError(error)) return error instanceof Error ? error.message : String(error);
  const subject = path ?? error.path ?? 'the file';
  return `${subject} ${MEANINGS[error.code]}`;
}
