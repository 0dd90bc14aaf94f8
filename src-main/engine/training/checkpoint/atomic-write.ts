import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `bytes` or leaves it as it was: the bytes go to a temporary file in the
 * same folder, which is fsynced and renamed over the target (rename is atomic on one file
 * system); the folder is then fsynced so the rename itself survives a power cut.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | null = null;
  try {
    handle = await open(temp, 'wx');
    let done = 0;
    while (done < bytes.byteLength) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done);
      if (bytesWritten <= 0) throw new Error(`wrote no bytes after ${done} of ${bytes.byteLength}`);
      done += bytesWritten;
    }
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
