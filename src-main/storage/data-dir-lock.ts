import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from './errors';

export const LOCK_FILE = 'studio.lock';
export const LOCK_OWNER_FILE = 'studio.lock.json';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface DataDirLock {
  readonly owner: LockOwner;
  release(): void;
}

/**
 * One studio process per data directory. The lock is an exclusive SQLite lock on
 * `studio.lock`, which the operating system drops when the holder exits in any way
 * (kill -9 included), so a dead process never leaves a stale lock and a reused pid never
 * looks alive. `studio.lock.json` names the holder (pid, host, time) for the refusal message.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const lock = new Database(file, { timeout: 0 });
  try {
    lock.pragma('journal_mode = OFF'); // nothing is ever written; no journal file to leave behind
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE; COMMIT'); // in EXCLUSIVE mode the lock is kept after COMMIT
  } catch (cause) {
    lock.close();
    if ((cause as { code?: string }).code !== 'SQLITE_BUSY') throw new StorageError(`${file}: cannot lock the data directory (${(cause as Error).message})`, { cause, code: 'internal' });
    throw new StorageError(
      `${dataDir} is in use by another StyleInject Studio process${describeOwner(dataDir)}. ` +
        'Close that one first, or give this one a different --data-dir.',
      { cause, code: 'conflict' },
    );
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeOwner(dataDir, owner);
  return {
    owner,
    release: () => lock.open && lock.close(),
  };
}

/** The owner record is informational; written whole (temp + rename) so a reader never sees half. */
function writeOwner(dataDir: string, owner: LockOwner): void {
  const path = join(dataDir, LOCK_OWNER_FILE);
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, JSON.stringify(owner));
  renameSync(temp, path);
}

function describeOwner(dataDir: string): string {
  try {
    const owner = JSON.parse(readFileSync(join(dataDir, LOCK_OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    return ` (pid ${owner.pid} on ${owner.host}, since ${owner.since})`;
  } catch {
    return ''; // the holder may be between taking the lock and writing its record
  }
}
