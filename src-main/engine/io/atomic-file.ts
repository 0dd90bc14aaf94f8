import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Appends bytes to the file being written (all of them: short writes are continued). */
export type WriteBytes = (bytes: Uint8Array) => Promise<void>;

/**
 * Replaces `path` with what `fill` writes, or leaves it as it was: the bytes go to a temporary
 * file in the same folder, which is fsynced and renamed over the target (rename is atomic on one
 * file system); the folder is then fsynced so the rename itself survives a power cut. If `fill`
 * or any write fails, the temporary file is removed and the error rethrown.
 */
export async function writeAtomically(path: string, fill: (write: WriteBytes) => Promise<void>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | null = null;
  try {
    handle = await open(temp, 'wx');
    const target = handle;
    await fill((bytes) => writeAll(target, bytes));
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined); // the write's own error is the one to report
    throw error;
  }
  await syncFolder(dirname(path));
}

/** writeAtomically for bytes already in memory. */
export function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  return writeAtomically(path, (write) => write(bytes));
}

/** FileHandle.write may write less than asked (e.g. near a full disk); keep going until done. */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done);
    if (bytesWritten <= 0) throw new Error(`wrote no bytes after ${done} of ${bytes.byteLength}`);
    done += bytesWritten;
  }
}

/** fsync of a folder, where the platform allows it (Windows does not: ignored there). */
export async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Not supported for folders on every platform; the data itself was already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
