import type Database from 'better-sqlite3';
import { StorageError } from './errors';

/** One schema step. `version` is what `user_version` holds once it has run. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Versions must run 1, 2, 3 ... with no gaps, or a database could skip a step. */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration '${migration.name}' has version ${migration.version}, expected ${index + 1}`);
    }
  });
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the newest migration, each step in its own transaction together
 * with its `user_version` bump, so a crash leaves the database at a whole version. A database
 * written by a newer app is refused rather than guessed at.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  checkMigrationOrder(migrations);
  const known = migrations.length;
  const found = schemaVersion(db);
  if (found > known) {
    throw new StorageError(
      `${db.name}: this database was written by a newer StyleInject Studio (schema version ${found}; this app knows up to ${known}). ` +
        'Update the app, or open a different data directory with --data-dir.',
      { code: 'unsupported' },
    );
  }
  for (const migration of migrations.slice(found)) {
    // IMMEDIATE takes the write lock first, so two openers cannot both run the same step.
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
