import { describe, expect, it } from 'vitest';
import type { AdapterView } from '../../../src-main/contract';
import { whyNoRouter } from '../../../src-renderer/src/features/router/study-adapters';
import { INITIAL_STUDY_FORM, promptCount, startStudyInput } from '../../../src-renderer/src/features/router/study-form';

const THEMES = [
  { theme: 'animals', prompts: ['a fox', 'an owl', 'a cat'] },
  { theme: 'objects', prompts: ['a teapot', 'a lamp'] },
];

const adapter = (method: AdapterView['method'], settings: Record<string, unknown>) => ({ method, settings }) as AdapterView;

describe('the new-study form', () => {
  it('counts the prompts a source gives: chosen themes (all when none), capped per theme; a typed list; a dataset only the service knows', () => {
    expect(promptCount({ ...INITIAL_STUDY_FORM, perTheme: 2 }, THEMES)).toBe(4);
    expect(promptCount({ ...INITIAL_STUDY_FORM, themes: ['animals'], perTheme: 10 }, THEMES)).toBe(3);
    expect(promptCount({ ...INITIAL_STUDY_FORM, source: 'list', list: 'a\nb\n\nanimals\tc' }, THEMES)).toBe(3);
    expect(promptCount({ ...INITIAL_STUDY_FORM, source: 'dataset', datasetId: '3' }, THEMES)).toBeNull();
  });

  it('builds the contract input from the fields (ids and numbers from their text, the theme filter only when chosen)', () => {
    const base = { ...INITIAL_STUDY_FORM, adapterId: '7', modelId: '2', seeds: 2, steps: '3', width: 64, height: 64 };
    expect(startStudyInput(1, { ...base, themes: ['animals', 'objects'], perTheme: 1 })).toEqual({
      projectId: 1,
      adapterId: 7,
      modelId: 2,
      name: undefined,
      prompts: { source: 'builtin', themes: ['animals', 'objects'], perTheme: 1 },
      seeds: 2,
      steps: 3,
      width: 64,
      height: 64,
      cfgScale: 7.5,
    });
    expect(startStudyInput(1, { ...base, source: 'list', list: 'portraits\tan old man', name: ' mine ' })).toMatchObject({ name: 'mine', prompts: { source: 'list', prompts: [{ prompt: 'an old man', theme: 'portraits' }] } });
    expect(startStudyInput(1, { ...base, source: 'dataset', datasetId: '5' }).prompts).toEqual({ source: 'dataset', datasetId: 5 });
  });

  it('says why an adapter has no router to study: a LoRA, no DMA, K = 1; a StyleInject adapter with training defaults has one', () => {
    expect(whyNoRouter(adapter('lora', { rank: 4 }))).toBe('a LoRA has no style router');
    expect(whyNoRouter(adapter('styleinject', { dma: false, k: 4 }))).toBe('trained without DMA, so it has no style router');
    expect(whyNoRouter(adapter('styleinject', { dma: true, k: 1 }))).toBe('K = 1: a single branch, nothing to route between');
    expect(whyNoRouter(adapter('styleinject', { dma: true, k: 16 }))).toBeNull();
    expect(whyNoRouter(adapter('styleinject', {}))).toBeNull();
  });
});
