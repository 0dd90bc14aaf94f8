import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject } from '../../../src-main/storage';
import { deleteDataset, importImages, itemImagePath, itemThumbnail, removeItems } from '../../../src-main/studio/datasets';
import { scratchFolder, scratchStore } from '../../storage/scratch';
import { blocks, writePng } from './images';

const dir = scratchFolder('remove');
const store = scratchStore(dir, 'data');
const project = await createProject(store, { name: 'Remove' });
const source = join(dir, 'source');
mkdirSync(source);
await writePng(join(source, 'a.png'), blocks(1, 256, 256));
copyFileSync(join(source, 'a.png'), join(source, 'a-again.png'));
await writePng(join(source, 'b.png'), blocks(2, 256, 256));

describe('removing items and datasets', () => {
  it('a shared copy stays while any item uses it, and goes (with its thumbnail) with the last one', async () => {
    const dataset = store.datasets.create({ projectId: project.id, name: 'copies' });
    await importImages(store, { datasetId: dataset.id, sources: [source] });
    const [a, again] = store.items.list(dataset.id).filter((i) => i.source.includes('/a'));
    const copy = itemImagePath(store, a);
    const thumbnail = itemThumbnail(store, dataset.id, a.sha256);
    await removeItems(store, dataset.id, [a.id]);
    expect(existsSync(copy)).toBe(true);
    await removeItems(store, dataset.id, [again.id]);
    expect(existsSync(copy)).toBe(false);
    expect(existsSync(thumbnail)).toBe(false);
    expect(store.items.list(dataset.id).map((i) => i.source)).toEqual([join(source, 'b.png')]);
    await expect(removeItems(store, dataset.id + 1000, [])).rejects.toThrow(/no dataset with id/);
  });

  it('deleting a dataset that references originals removes its thumbnails and never the originals', async () => {
    const dataset = store.datasets.create({ projectId: project.id, name: 'references', storage: 'reference' });
    await importImages(store, { datasetId: dataset.id, sources: [source] });
    const thumbnails = store.items.list(dataset.id).map((i) => itemThumbnail(store, dataset.id, i.sha256));
    const bThumbnailAlsoUsedByCopies = itemThumbnail(store, dataset.id, store.items.list(dataset.id).find((i) => i.source.endsWith('b.png'))!.sha256);
    await deleteDataset(store, dataset.id);
    expect(['a.png', 'a-again.png', 'b.png'].every((f) => existsSync(join(source, f)))).toBe(true);
    expect(thumbnails.filter((t) => existsSync(t))).toEqual([bThumbnailAlsoUsedByCopies]); // the 'copies' dataset still shows b
  });
});
