import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { addModelByPath } from '../../../src-main/studio/models';
import { createProject, DiskFullError, nodeFileLayer, openStore, TEMP_MARKER, type FileLayer, type Store } from '../../../src-main/storage';
import { importImages, itemImagePath, itemThumbnail } from '../../../src-main/studio/datasets';
import { startChild } from '../../storage/processes/child';
import { scratchFolder } from '../../storage/scratch';
import { blocks } from './images';
import { goldenDir } from '../../parity/golden';

const dir = scratchFolder('reliability');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function imageFolder(name: string, count: number): Promise<string> {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    writeFileSync(join(folder, `img-${String(i).padStart(3, '0')}.png`), await blocks(1000 + i, 512, 512).png().toBuffer());
    writeFileSync(join(folder, `img-${String(i).padStart(3, '0')}.txt`), `caption ${i}`);
  }
  return folder;
}

const tempFilesUnder = (folder: string) => readdirSync(folder, { recursive: true }).map(String).filter((f) => f.includes(TEMP_MARKER));

/** Every row points at complete files: the image hashes to its sha256 and the thumbnail decodes. */
async function expectWholeItems(store: Store, datasetId: number): Promise<void> {
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(store.db.pragma('foreign_key_check')).toEqual([]);
  for (const item of store.items.list(datasetId)) {
    expect(sha(readFileSync(itemImagePath(store, item)))).toBe(item.sha256);
    expect((await sharp(itemThumbnail(store, datasetId, item.sha256)).metadata()).format).toBe('webp');
  }
}

describe('kill -9 in the middle of an import', () => {
  it('the database opens cleanly, finished items are whole, the interrupted one is absent, and a re-run completes the set', async () => {
    const dataDir = join(dir, 'killed');
    const source = await imageFolder('to-import', 30);
    const setup = openStore({ dataDir });
    const project = await createProject(setup, { name: 'Killed' });
    const dataset = setup.datasets.create({ projectId: project.id, name: 'set' });
    setup.close();

    const child = startChild('../../studio/datasets/processes/import-child.ts', [dataDir, String(dataset.id), source]);
    await child.waitFor(/^done 8$/);
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const store = openStore({ dataDir }); // takes the dead process's lock, sweeps its temporary files
    try {
      const survivors = store.items.list(dataset.id);
      expect(survivors.length).toBeGreaterThanOrEqual(8);
      expect(survivors.length).toBeLessThan(30);
      await expectWholeItems(store, dataset.id);
      expect(tempFilesUnder(dataDir)).toEqual([]);
      const rerun = await importImages(store, { datasetId: dataset.id, sources: [source] });
      expect(rerun.alreadyImported).toBe(survivors.length);
      const all = store.items.list(dataset.id);
      expect(all).toHaveLength(30);
      expect(new Set(all.map((i) => i.source)).size).toBe(30);
      expect(all.map((i) => i.caption).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `caption ${i}`).sort());
      await expectWholeItems(store, dataset.id);
    } finally {
      store.close();
    }
  });
});

/** A file layer whose disk fills up after `writes` successful writes: the next one writes half its bytes, then fails as Linux does. */
function diskFullAfter(writes: number): FileLayer {
  let left = writes;
  const fail = async (path: string, data: Uint8Array) => {
    writeFileSync(path, data.subarray(0, data.length >> 1));
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  return {
    ...nodeFileLayer,
    writeNew: async (path, data) => (left-- > 0 ? nodeFileLayer.writeNew(path, data) : fail(path, data)),
    copyNew: async (from, to) => (left-- > 0 ? nodeFileLayer.copyNew(from, to) : fail(to, await readFile(from))),
  };
}

describe('a full disk', () => {
  it('stops an import with a clear error: no row for the failed image, no partial or orphaned files; finished items stay', async () => {
    const source = await imageFolder('full-disk', 5);
    const dataDir = join(dir, 'full');
    // Each image writes a thumbnail, then its copy: 5 writes succeed (items 1 and 2, item 3's thumbnail), item 3's copy fails.
    const store = openStore({ dataDir, files: diskFullAfter(5) });
    try {
      const project = await createProject(store, { name: 'Full' });
      const dataset = store.datasets.create({ projectId: project.id, name: 'set' });
      const error = await importImages(store, { datasetId: dataset.id, sources: [source] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiskFullError);
      expect((error as Error).message).toMatch(/^the disk is full \(ENOSPC\) while writing .*\/images\/[0-9a-f]{64}\.png: nothing was half-written; free some space on that disk and try again$/);
      expect(store.items.list(dataset.id).map((i) => i.caption)).toEqual(['caption 0', 'caption 1']);
      await expectWholeItems(store, dataset.id);
      const projectDir = join(dataDir, 'projects', 'full');
      expect(tempFilesUnder(projectDir)).toEqual([]);
      expect(readdirSync(join(projectDir, 'images'))).toHaveLength(2);
      expect(readdirSync(join(projectDir, 'thumbnails'))).toHaveLength(2); // item 3's thumbnail was taken back
    } finally {
      store.close();
    }
  });

  it('stops copying a model into the library the same way: no row, no partial file', async () => {
    const store = openStore({ dataDir: join(dir, 'full-models'), files: diskFullAfter(0) });
    try {
      const model = join(goldenDir(), 'models', 'sd15_tiny_single_file.safetensors');
      await expect(addModelByPath(store, { path: model, copy: true })).rejects.toThrow(DiskFullError);
      expect(store.models.list()).toEqual([]);
      const models = join(store.dataDir, 'models');
      expect(existsSync(models) ? readdirSync(models) : []).toEqual([]);
    } finally {
      store.close();
    }
  });
});
