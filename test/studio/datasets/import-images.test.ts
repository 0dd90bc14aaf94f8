import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createProject, type DatasetItem } from '../../../src-main/storage';
import { datasetFlags, flagCounts, hammingDistance, importImages, itemImagePath, itemThumbnail } from '../../../src-main/studio/datasets';
import { scratchFolder, scratchStore } from '../../storage/scratch';
import { writeMessyFolder } from './fixture-folder';

const dir = scratchFolder('import');
const store = scratchStore(dir, 'data');
const { root } = await writeMessyFolder(dir);
const project = await createProject(store, { name: 'Watercolor' });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every file under the source folder with its hash and modification time: the originals must never change. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .map((f) => [relative(folder, f), `${sha(f)} ${statSync(f).mtimeMs}`]),
  );
}

const byName = (items: DatasetItem[], name: string) => items.find((i) => i.source.endsWith(`/${name}`))!;

describe('importing a folder into a dataset that keeps copies', async () => {
  const dataset = store.datasets.create({ projectId: project.id, name: 'copies', storage: 'copy' });
  const before = snapshot(root);
  const progress: string[] = [];
  const report = await importImages(store, { datasetId: dataset.id, sources: [root], onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.outcome}`) });
  const items = store.items.list(dataset.id);

  it('imports the readable images with captions and repeats, and says why the others were skipped', () => {
    expect(items.map((i) => relative(root, i.source)).sort()).toEqual(['10_sks dog/c.png', '10_sks dog/nested/d.png', 'a-resized.jpg', 'a.png', 'b.jpg', 'copy-of-a.png', 'link-in.png', 'small.png']);
    expect(byName(items, 'a.png')).toMatchObject({ caption: 'sks dog, watercolor', repeats: 1, width: 640, height: 640, format: 'png' });
    expect(byName(items, 'b.jpg')).toMatchObject({ caption: 'sks dog, ink', format: 'jpeg' });
    expect(byName(items, 'd.png').repeats).toBe(10);
    expect(report.skipped.map((s) => [relative(root, s.path), s.reason.split(' (')[0]])).toEqual([
      ['link-out.png', 'a symlink that leads outside the imported folder'],
      ['notes.md', "unsupported file type '.md': import PNG, JPEG or WebP images"],
      ['broken.png', 'a broken or truncated image'],
      ['empty.png', 'an empty file'],
    ]);
    expect(progress).toHaveLength(10);
    expect(progress.filter((p) => p.endsWith('imported'))).toHaveLength(8);
    expect(progress.at(-1)).toMatch(/^10\/10 /);
  });

  it('stores copies by content (an exact copy shares one file) with paths relative to the data directory; originals untouched', () => {
    const a = byName(items, 'a.png');
    expect(a.image).toBe(`projects/watercolor/images/${a.sha256}.png`);
    expect(byName(items, 'copy-of-a.png').image).toBe(a.image);
    expect(sha(itemImagePath(store, a))).toBe(a.sha256);
    expect(byName(items, 'link-in.png').image).toBe(byName(items, 'b.jpg').image);
    expect(readdirSync(join(store.dataDir, 'projects', 'watercolor', 'images'))).toHaveLength(6); // 8 items, 6 distinct pictures
    expect(snapshot(root)).toEqual(before);
  });

  it('caches an upright WebP thumbnail per picture in the project folder', async () => {
    const thumb = itemThumbnail(store, dataset.id, byName(items, 'small.png').sha256);
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: 256, height: 256 });
  });

  it('flags low resolution, exact and near duplicates (threshold adjustable) and missing captions', () => {
    const flags = datasetFlags(dataset, items);
    const flagOf = (name: string) => flags.get(byName(items, name).id)!;
    expect(flagOf('small.png')).toMatchObject({ lowResolution: true, noCaption: true });
    expect(flagOf('b.jpg')).toEqual({ lowResolution: false, duplicateOf: null, nearDuplicateOf: null, noCaption: false });
    expect(flagOf('link-in.png')).toMatchObject({ duplicateOf: byName(items, 'b.jpg').id, nearDuplicateOf: null, noCaption: true });
    // Import order is path order: a-resized.jpg came first, so a.png is its near duplicate and copy-of-a.png a.png's copy.
    expect(flagOf('a.png').nearDuplicateOf).toEqual({ id: byName(items, 'a-resized.jpg').id, distance: expect.any(Number) });
    expect(flagOf('a.png').nearDuplicateOf!.distance).toBeLessThanOrEqual(dataset.nearDuplicateDistance);
    expect(flagOf('copy-of-a.png')).toMatchObject({ duplicateOf: byName(items, 'a.png').id, nearDuplicateOf: null });
    expect(flagOf('c.png').nearDuplicateOf).toBeNull();
    // Raising the distance to that of two unrelated pictures makes them near duplicates too.
    const [c, d] = [byName(items, 'c.png'), byName(items, 'd.png')];
    const apart = hammingDistance(c.dhash, d.dhash);
    expect(apart).toBeGreaterThan(dataset.nearDuplicateDistance);
    const loose = datasetFlags({ ...dataset, nearDuplicateDistance: apart }, items);
    expect(loose.get(d.id)!.nearDuplicateOf?.distance).toBeLessThanOrEqual(apart);
    expect(flagCounts(flags)).toEqual({ lowResolution: 1, duplicate: 2, nearDuplicate: 1, noCaption: 3 });
  });

  it('running the same import again adds nothing: what was imported from a path with the same content is recognised', async () => {
    const again = await importImages(store, { datasetId: dataset.id, sources: [root] });
    expect(again.imported).toEqual([]);
    expect(again.alreadyImported).toBe(8);
    expect(store.items.list(dataset.id)).toHaveLength(8);
  });
});

describe('importing into a dataset that references the originals', () => {
  it('keeps the absolute original paths and writes only thumbnails', async () => {
    const dataset = store.datasets.create({ projectId: project.id, name: 'references', storage: 'reference' });
    await importImages(store, { datasetId: dataset.id, sources: [join(root, '10_sks dog')] });
    const items = store.items.list(dataset.id);
    expect(items.map((i) => i.image).sort()).toEqual([join(root, '10_sks dog', 'c.png'), join(root, '10_sks dog', 'nested', 'd.png')]);
    for (const item of items) expect(existsSync(itemThumbnail(store, dataset.id, item.sha256))).toBe(true);
  });

  it('validates its input by field', async () => {
    await expect(importImages(store, { datasetId: 1, sources: [] })).rejects.toThrow(/image import: 'sources': name at least one file or folder/);
    await expect(importImages(store, { datasetId: 99_999, sources: [root] })).rejects.toThrow(/no dataset with id 99999/);
  });
});
