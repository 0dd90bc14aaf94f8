import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject } from '../../../src-main/storage';
import { applyCaptionEdit, datasetForTraining, editCaptions, exportKohyaFolder, importImages, itemImagePath } from '../../../src-main/studio/datasets';
import { scratchFolder, scratchStore } from '../../storage/scratch';
import { blocks, writePng } from './images';

const dir = scratchFolder('curation');
const store = scratchStore(dir, 'data');
const project = await createProject(store, { name: 'Curation' });
const source = join(dir, 'source');
mkdirSync(join(source, '3_ink'), { recursive: true });
for (const [n, name, caption] of [[1, 'one', 'ink, fox'], [2, 'two', 'ink, crane'], [3, 'three', '']] as const) {
  await writePng(join(source, `${name}.png`), blocks(n, 512, 512));
  if (caption) writeFileSync(join(source, `${name}.txt`), caption);
}
await writePng(join(source, '3_ink', 'one.png'), blocks(4, 512, 512)); // same file name as ../one.png, another repeat count
const dataset = store.datasets.create({ projectId: project.id, name: 'ink wash' });
await importImages(store, { datasetId: dataset.id, sources: [source] });
const items = () => store.items.list(dataset.id);
const caption = (name: string) => items().find((i) => relative(source, i.source) === name)!.caption;

describe('caption edits', () => {
  it('each edit on its own', () => {
    expect(applyCaptionEdit('ink, fox', { kind: 'addTrigger', word: 'sks' })).toBe('sks, ink, fox');
    expect(applyCaptionEdit('sks, ink', { kind: 'addTrigger', word: 'sks' })).toBe('sks, ink');
    expect(applyCaptionEdit('', { kind: 'addTrigger', word: 'sks' })).toBe('sks');
    expect(applyCaptionEdit('ink, fox, ink', { kind: 'replace', find: 'ink', replace: 'sumi' })).toBe('sumi, fox, sumi');
    expect(applyCaptionEdit('fox', { kind: 'prefix', text: 'a painting of ' })).toBe('a painting of fox');
    expect(applyCaptionEdit('fox', { kind: 'suffix', text: ', masterpiece' })).toBe('fox, masterpiece');
    expect(applyCaptionEdit('', { kind: 'suffix', text: ', masterpiece' })).toBe('masterpiece');
    expect(applyCaptionEdit('ink, fox, ink wash', { kind: 'removeTag', tag: 'ink' })).toBe('fox, ink wash');
  });

  it('a bulk edit changes every chosen caption in one go, and the tag list follows', () => {
    expect(editCaptions(store, { datasetId: dataset.id, edit: { kind: 'addTrigger', word: 'sks style' } })).toBe(4);
    expect(caption('two.png')).toBe('sks style, ink, crane');
    expect(caption('three.png')).toBe('sks style');
    const two = items().find((i) => i.source.endsWith('/two.png'))!;
    expect(editCaptions(store, { datasetId: dataset.id, itemIds: [two.id], edit: { kind: 'replace', find: 'crane', replace: 'heron' } })).toBe(1);
    expect(caption('one.png')).toBe('sks style, ink, fox');
    expect(store.items.tagFrequency(dataset.id).slice(0, 2)).toEqual([
      { tag: 'sks style', count: 4 },
      { tag: 'ink', count: 2 },
    ]);
  });

  it('bad edits are refused by field, and leave every caption as it was', () => {
    const before = items().map((i) => i.caption);
    expect(() => editCaptions(store, { datasetId: dataset.id, edit: { kind: 'replace', find: '', replace: 'x' } })).toThrow(/caption edit: 'edit.find': must not be empty/);
    expect(() => editCaptions(store, { datasetId: dataset.id, edit: { kind: 'shout' } as never })).toThrow(/'edit.kind'/);
    expect(() => editCaptions(store, { datasetId: dataset.id, itemIds: [99_999], edit: { kind: 'prefix', text: 'x' } })).toThrow(/'itemIds': 99999 is not in dataset/);
    expect(items().map((i) => i.caption)).toEqual(before);
  });
});

describe('what leaves the dataset', () => {
  it('training gets every included item as { image, caption, repeats }, excluded ones left out', () => {
    const three = items().find((i) => i.source.endsWith('/three.png'))!;
    store.items.setExcluded([three.id], true);
    const training = datasetForTraining(store, dataset.id);
    expect(training.items).toHaveLength(3);
    expect(training.items.map((i) => i.repeats).sort()).toEqual([1, 1, 3]);
    for (const item of training.items) expect(readFileSync(item.image).length).toBeGreaterThan(0);
    expect(training.items.find((i) => i.repeats === 3)?.caption).toBe('sks style');
  });

  it('exports a kohya folder: one N_name folder per repeat count, images with .txt captions, excluded left out', async () => {
    const out = join(dir, 'export');
    const result = await exportKohyaFolder(store, dataset.id, out);
    expect(result.subfolders.map((s) => relative(out, s))).toEqual(['1_ink wash', '3_ink wash']);
    expect(readdirSync(join(out, '1_ink wash')).sort()).toEqual(['one.png', 'one.txt', 'two.png', 'two.txt']);
    expect(readFileSync(join(out, '1_ink wash', 'two.txt'), 'utf8')).toBe('sks style, ink, heron');
    const one = items().find((i) => i.source.endsWith('/source/one.png'))!;
    expect(readFileSync(join(out, '1_ink wash', 'one.png')).equals(readFileSync(itemImagePath(store, one)))).toBe(true);
    await expect(exportKohyaFolder(store, dataset.id, out)).rejects.toThrow(/is not empty: export into a new or empty folder/);
  });

  it('a dataset with nothing included cannot train, and says so', () => {
    store.items.setExcluded(items().map((i) => i.id), true);
    expect(() => datasetForTraining(store, dataset.id)).toThrow(/dataset 'ink wash' has no included images/);
  });
});
