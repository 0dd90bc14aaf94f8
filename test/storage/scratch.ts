import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openStore, type OpenStoreOptions, type Store } from '../../src-main/storage';

/** A scratch folder for one test file, removed when its tests finish. */
export function scratchFolder(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `styleinject-${label}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store on a fresh data directory inside `parent`, closed when the test file ends. */
export function scratchStore(parent: string, name: string, options: Omit<OpenStoreOptions, 'dataDir'> = {}): Store {
  const store = openStore({ dataDir: join(parent, name), ...options });
  afterAll(() => store.close());
  return store;
}
