import Database from 'better-sqlite3';
import { StorageError } from './errors';
import { migrate, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** How long a statement waits for another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the studio database and brings its schema up to date.
 * WAL lets readers run while one writer commits; synchronous=FULL makes each commit durable
 * (our writes are few and small: an item, a metric row); foreign keys are off by default in
 * SQLite and every cascade in the schema relies on them.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  let db: Db;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (cause) {
    throw new StorageError(`${file}: cannot open the database (${(cause as Error).message}); check that the folder exists and is writable`, { cause, code: 'internal' });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    checkIntegrity(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StorageError) throw error;
    throw new StorageError(`${file}: cannot use this file as the studio database (${(error as Error).message})`, { cause: error, code: 'internal' });
  }
}

/** A quick structural check, so a damaged file is reported at open rather than mid-import. */
function checkIntegrity(db: Db): void {
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    throw new StorageError(`${db.name}: the database is damaged (${String(result)}); restore it from a backup (see the README's "Where data lives")`, { code: 'internal' });
  }
}
