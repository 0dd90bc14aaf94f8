import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LOCK_OWNER_FILE, openStore, DATABASE_FILE } from '../../src-main/storage';
import { startChild } from './processes/child';
import { scratchFolder } from './scratch';

const parent = scratchFolder('lock');

describe('one process per data directory', () => {
  it('refuses a second process with the holder pid; after kill -9 of the holder the database is whole and the lock is free', async () => {
    const dataDir = join(parent, 'shared');
    const holder = startChild('./hold-store.ts', [dataDir]);
    const pid = Number((await holder.waitFor(/^ready \d+/)).split(' ')[1]);
    await holder.waitFor(/^wrote 20$/); // the holder is busy writing

    expect(() => openStore({ dataDir })).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => openStore({ dataDir })).toThrow(new RegExp(`${dataDir} is in use by another StyleInject Studio process \\(pid ${pid} on .*\\)\\. Close that one first, or give this one a different --data-dir`));

    holder.process.kill('SIGKILL');
    expect(await holder.exited).toMatchObject({ signal: 'SIGKILL' });
    // The owner file still names the dead process: the OS released its lock, so it is taken over.
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_OWNER_FILE), 'utf8')).pid).toBe(pid);
    const store = openStore({ dataDir });
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const written = store.projects.list();
      expect(written.length).toBeGreaterThanOrEqual(20);
      for (const project of written) expect(existsSync(join(dataDir, project.folder))).toBe(true);
      expect(JSON.parse(readFileSync(join(dataDir, LOCK_OWNER_FILE), 'utf8')).pid).toBe(process.pid);
    } finally {
      store.close();
    }
  });

  it('a second open in the same process is refused too, and closing releases the lock', () => {
    const dataDir = join(parent, 'same-process');
    const first = openStore({ dataDir });
    expect(() => openStore({ dataDir })).toThrow(/is in use by another StyleInject Studio process/);
    first.close();
    openStore({ dataDir }).close();
  });

  it('a lock owner file left by a dead process does not block: only the OS lock counts', () => {
    const dataDir = join(parent, 'stale');
    openStore({ dataDir }).close();
    writeFileSync(join(dataDir, LOCK_OWNER_FILE), JSON.stringify({ pid: 999_999, host: 'elsewhere', since: '2020-01-01' }));
    const store = openStore({ dataDir });
    expect(store.projects.list()).toEqual([]);
    store.close();
    expect(new Database(join(dataDir, DATABASE_FILE)).pragma('quick_check', { simple: true })).toBe('ok');
  });
});
