import { rename, rm } from 'node:fs/promises';
import type { Db } from './db';
import { tempPathFor, describeWriteError } from './atomic-write';

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

/**
 * Copies the live database to `dest` while the app keeps working (SQLite's online backup,
 * which restarts its page copy if another connection writes meanwhile). The copy appears
 * under its name only when complete. Project files are not included: back up the data
 * directory's folders alongside, or copy the whole folder while the app is closed.
 */
export async function backupDatabase(db: Db, dest: string, onProgress?: (progress: BackupProgress) => void): Promise<void> {
  const temp = tempPathFor(dest);
  try {
    await db.backup(temp, {
      progress: (info) => {
        onProgress?.(info);
        return 256; // pages per step: small steps keep the app responsive
      },
    });
    await rename(temp, dest);
  } catch (error) {
    await rm(temp, { force: true });
    throw describeWriteError(dest, error);
  }
}
