import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { StorageError } from './errors';
import { nodeFileLayer, type FileLayer } from './file-layer';

/** Temporary names carry this marker; whatever holds the data-directory lock may delete them. */
export const TEMP_MARKER = '.partial-';

export function tempPathFor(dest: string): string {
  return join(dirname(dest), `${basename(dest)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Writes a file so it is either absent or complete: the bytes go to a temporary name in the
 * same folder and are renamed into place once flushed. On any failure the temporary file is
 * removed; a full disk becomes a DiskFullError that says so.
 */
export async function writeFileAtomic(dest: string, data: Uint8Array, layer: FileLayer = nodeFileLayer): Promise<void> {
  await viaTemp(dest, layer, (temp) => layer.writeNew(temp, data));
}

export async function copyFileAtomic(from: string, dest: string, layer: FileLayer = nodeFileLayer): Promise<void> {
  await viaTemp(dest, layer, (temp) => layer.copyNew(from, temp));
}

async function viaTemp(dest: string, layer: FileLayer, fill: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempPathFor(dest);
  try {
    await fill(temp);
    await layer.rename(temp, dest);
  } catch (error) {
    await layer.remove(temp).catch(() => undefined); // the write's own error is the one to report
    throw describeWriteError(dest, error);
  }
}

export class DiskFullError extends StorageError {
  override name = 'DiskFullError';
  override readonly code = 'disk-full';
}

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

export function describeWriteError(dest: string, error: unknown): Error {
  const code = (error as { code?: string }).code;
  if (code && DISK_FULL_CODES.has(code)) {
    return new DiskFullError(
      `the disk is full (${code}) while writing ${dest}: nothing was half-written; free some space on that disk and try again`,
      { cause: error },
    );
  }
  if (error instanceof StorageError) return error;
  return new StorageError(`cannot write ${dest} (${(error as Error).message})`, { cause: error, code: 'internal' });
}
