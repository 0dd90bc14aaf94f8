import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDatabase, createProject, schemaVersion, MIGRATIONS } from '../../src-main/storage';
import { scratchFolder, scratchStore } from './scratch';

const dir = scratchFolder('backup');
const store = scratchStore(dir, 'data');

describe('online backup', () => {
  it('copies the live database, including writes still in the WAL, while the store stays open', async () => {
    const project = await createProject(store, { name: 'Backed up' });
    const dataset = store.datasets.create({ projectId: project.id, name: 'set' });
    const dest = join(dir, 'studio-backup.sqlite');
    let progressCalls = 0;
    await backupDatabase(store.db, dest, () => progressCalls++);
    expect(progressCalls).toBeGreaterThan(0);
    store.datasets.create({ projectId: project.id, name: 'after the backup' }); // the store keeps working

    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(schemaVersion(copy)).toBe(MIGRATIONS.length);
    expect(copy.prepare('SELECT name FROM datasets').all()).toEqual([{ name: dataset.name }]);
    copy.close();
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('a backup to a folder that does not exist fails clearly and leaves nothing behind', async () => {
    const dest = join(dir, 'missing', 'b.sqlite');
    await expect(backupDatabase(store.db, dest)).rejects.toThrow(/cannot write .*missing\/b\.sqlite/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
