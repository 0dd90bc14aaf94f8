import { describe, expect, it } from 'vitest';
import { captionTags, createProject, type NewDatasetItem } from '../../src-main/storage';
import { scratchFolder, scratchStore } from './scratch';

const store = scratchStore(scratchFolder('items-repo'), 'data');

async function freshDataset() {
  const project = await createProject(store, { name: `p${Math.random()}` });
  return store.datasets.create({ projectId: project.id, name: 'set' });
}

const item = (datasetId: number, n: number, caption: string): NewDatasetItem => ({
  datasetId,
  image: `projects/p/images/${n}.png`,
  source: `/in/${n}.png`,
  sha256: n.toString(16).padStart(64, '0'),
  dhash: '0'.repeat(16),
  format: 'png',
  sizeBytes: 100,
  width: 512,
  height: 768,
  caption,
});

describe('dataset items', () => {
  it('keeps tags in step with captions: frequency list, single and bulk edits in one transaction', async () => {
    const dataset = await freshDataset();
    const a = store.items.insert(item(dataset.id, 1, 'sks dog, watercolor, red scarf'));
    const b = store.items.insert(item(dataset.id, 2, 'sks dog,  watercolor'));
    store.items.insert(item(dataset.id, 3, ''));
    expect(store.items.tagFrequency(dataset.id)).toEqual([
      { tag: 'sks dog', count: 2 },
      { tag: 'watercolor', count: 2 },
      { tag: 'red scarf', count: 1 },
    ]);
    store.items.setCaptions([
      { id: a.id, caption: 'ink, red scarf' },
      { id: b.id, caption: 'ink' },
    ]);
    expect(store.items.tagFrequency(dataset.id)).toEqual([
      { tag: 'ink', count: 2 },
      { tag: 'red scarf', count: 1 },
    ]);
    // One bad edit in a bulk change leaves every caption as it was.
    expect(() => store.items.setCaptions([{ id: a.id, caption: 'changed' }, { id: 99_999, caption: 'x' }])).toThrow(/no dataset item with id 99999/);
    expect(store.items.get(a.id).caption).toBe('ink, red scarf');
  });

  it('sets exclusion, repeats and a focus point, validating each', async () => {
    const dataset = await freshDataset();
    const a = store.items.insert(item(dataset.id, 4, 'x'));
    store.items.setExcluded([a.id], true);
    store.items.setRepeats([a.id], 5);
    store.items.setFocus(a.id, { x: 0.25, y: 0.75 });
    expect(store.items.get(a.id)).toMatchObject({ excluded: true, repeats: 5, focus: { x: 0.25, y: 0.75 } });
    expect(() => store.items.setRepeats([a.id], 0)).toThrow(/repeats: Too small/);
    expect(() => store.items.setFocus(a.id, { x: 2, y: 0 })).toThrow(/focus point: 'x'/);
    store.items.setFocus(a.id, null);
    expect(store.items.get(a.id).focus).toBeNull();
  });

  it('finds an already imported (source, content) pair and knows when a shared copy is still used', async () => {
    const dataset = await freshDataset();
    const a = store.items.insert(item(dataset.id, 5, ''));
    expect(store.items.findImported(dataset.id, '/in/5.png', a.sha256)?.id).toBe(a.id);
    expect(store.items.findImported(dataset.id, '/in/5.png', 'f'.repeat(64))).toBeUndefined();
    expect(store.items.isImageUsed(a.image)).toBe(true);
    store.items.remove([a.id]);
    expect(store.items.isImageUsed(a.image)).toBe(false);
  });

  it('refuses an item with a bad hash, naming the field', async () => {
    const dataset = await freshDataset();
    expect(() => store.items.insert({ ...item(dataset.id, 6, ''), dhash: 'nothex' })).toThrow(/dataset item: 'dhash': must be 16 lowercase hex digits/);
  });

  it('caption tags are trimmed, whitespace-collapsed, unique and never empty', () => {
    expect(captionTags(' a ,b  c,, a,')).toEqual(['a', 'b c']);
    expect(captionTags('')).toEqual([]);
  });
});
