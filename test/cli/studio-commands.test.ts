import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/storage';
import { tempFolder, writeStripesDataset } from '../engine/training/run/synthetic-dataset';
import { styleinject } from './run-styleinject';

let dir: string;
let cleanup: () => Promise<void>;
let dataDir: string;
const run = (...args: string[]) => styleinject([...args, '--data-dir', dataDir]);

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('cli-studio'));
  dataDir = join(dir, 'data');
  await writeStripesDataset(join(dir, 'images', '3_stripes'), 2, 16);
  await writeFile(join(dir, 'images', '3_stripes', 'broken.png'), 'not an image');
});
afterAll(() => cleanup());

describe('styleinject project and dataset (the studio service on the command line)', () => {
  it('creates, lists, renames and deletes projects in the data folder, asking for --yes first', async () => {
    expect((await run('project', 'create', 'Ink', 'style')).stdout).toMatch(/created project 1 'Ink style'/);
    expect((await run('project', 'create', 'Scratch')).code).toBe(0);
    expect((await run('project', 'list')).stdout).toMatch(/1 {2}Ink style {2}\(projects\/ink-style\)/);
    expect((await run('project', 'rename', 'scratch', 'Temp')).stdout).toMatch(/renamed project 2 to 'Temp'/);
    const unconfirmed = await run('project', 'delete', 'Temp');
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/add --yes to confirm/);
    expect((await run('project', 'delete', 'Temp', '--yes')).stdout).toMatch(/deleted project 'Temp'/);
    expect(existsSync(join(dataDir, 'projects', 'scratch'))).toBe(false);
    const taken = await run('project', 'create', 'ink style');
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/already exists/);
  });

  it('imports a kohya folder into a dataset (the broken file skipped with its reason), edits captions and exports', async () => {
    expect((await run('dataset', 'create', '--project', 'Ink style', '--name', 'stripes')).stdout).toMatch(/created dataset 1 'stripes'/);
    const imported = await run('dataset', 'import', '--project', '1', '--dataset', 'stripes', join(dir, 'images'));
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported 2 images/);
    expect(imported.stdout).toMatch(/skipped .*broken\.png: .+/);
    expect((await run('dataset', 'caption', '--project', '1', '--dataset', '1', '--add-trigger', 'inkstyle')).stdout).toMatch(/changed 2 captions/);
    const items = await run('dataset', 'items', '--project', '1', '--dataset', '1');
    expect(items.stdout.trim().split('\n')).toHaveLength(2);
    expect(items.stdout).toMatch(/16x16 {2}inkstyle.*\[low resolution\]/);
    expect((await run('dataset', 'list', '--project', '1')).stdout).toMatch(/stripes {2}2 images \(0 excluded; 2 low resolution/);
    const out = join(dir, 'kohya');
    expect((await run('dataset', 'export', '--project', '1', '--dataset', '1', '--out', out)).stdout).toMatch(/exported 2 images/);
    expect(readdirSync(out)).toEqual(['3_stripes']);
  });

  it('backs up the database while the folder is in use by the command itself', async () => {
    const out = join(dir, 'backup.sqlite');
    expect((await run('backup', '--out', out)).stdout).toMatch(/backup\.sqlite/);
    expect(existsSync(out)).toBe(true);
  });

  it('refuses a data folder another process holds, with its pid', async () => {
    const store = openStore({ dataDir });
    try {
      const refused = await run('project', 'list');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(new RegExp(`${process.pid}`));
    } finally {
      store.close();
    }
  });
});
