import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineError } from '../../../src-main/engine';
import { BUILTIN_STUDY_PROMPTS } from '../../../src-main/engine/analysis/router-study/builtin-prompts';
import { routeSummary } from '../../../src-main/engine/analysis/router-study/route-summary';
import { parsePromptLines, resolveStudyPrompts } from '../../../src-main/engine/analysis/router-study/study-prompts';
import { studyVectors, type StudyRoutes } from '../../../src-main/engine/analysis/router-study/study-routes';
import { tempFolder } from '../training/run/synthetic-dataset';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempFolder('study-data')));
afterAll(() => cleanup());

const failure = (run: () => Promise<unknown>) => run().then(() => '', (e: EngineError) => `${e.code}: ${e.message}`);

describe("a router study's prompts", () => {
  it('come from the built-in themes, all or some, and the first n of each', async () => {
    const all = await resolveStudyPrompts({ source: 'builtin' });
    expect(new Set(all.map((p) => p.theme))).toEqual(new Set(Object.keys(BUILTIN_STUDY_PROMPTS)));
    expect(Object.keys(BUILTIN_STUDY_PROMPTS)).toEqual(expect.arrayContaining(['portraits', 'landscapes', 'animals', 'objects', 'interiors', 'architecture', 'food', 'abstract']));
    const some = await resolveStudyPrompts({ source: 'builtin', themes: ['food', 'animals'], perTheme: 2 });
    expect(some).toEqual([...BUILTIN_STUDY_PROMPTS.food.slice(0, 2).map((prompt) => ({ prompt, theme: 'food' })), ...BUILTIN_STUDY_PROMPTS.animals.slice(0, 2).map((prompt) => ({ prompt, theme: 'animals' }))]);
    expect(await failure(() => resolveStudyPrompts({ source: 'builtin', themes: ['cars'] }))).toMatch(/bad-input: no built-in theme 'cars': the themes are portraits/);
  });

  it('come from a file: a prompt per line or theme<TAB>prompt, comments and blank lines skipped; the file name is the default theme', async () => {
    expect(parsePromptLines('# mine\n\nportraits\ta woman in red\r\na lone tree\n\t a boat \n', 'mine')).toEqual([
      { theme: 'portraits', prompt: 'a woman in red' },
      { theme: 'mine', prompt: 'a lone tree' },
      { theme: 'mine', prompt: 'a boat' },
    ]);
    const file = join(dir, 'winter.txt');
    await writeFile(file, 'snow on a roof\n');
    expect(await resolveStudyPrompts({ source: 'file', path: file })).toEqual([{ theme: 'winter', prompt: 'snow on a roof' }]);
    await writeFile(join(dir, 'empty.txt'), '# nothing\n\n');
    expect(await failure(() => resolveStudyPrompts({ source: 'file', path: join(dir, 'empty.txt') }))).toMatch(/bad-input: .*holds no prompts/);
    expect(await failure(() => resolveStudyPrompts({ source: 'file', path: join(dir, 'nowhere.txt') }))).toMatch(/not-found: the prompt file .* does not exist/);
  });

  it("come from the caller's list (a dataset's captions), each with its theme or a shared one", async () => {
    expect(await resolveStudyPrompts({ source: 'list', prompts: [{ prompt: ' ink fox ', theme: 'ink' }, { prompt: 'a hill' }] })).toEqual([
      { prompt: 'ink fox', theme: 'ink' },
      { prompt: 'a hill', theme: 'prompts' },
    ]);
    expect(await failure(() => resolveStudyPrompts({ source: 'list', prompts: [] }))).toMatch(/empty prompt list/);
    expect(await failure(() => resolveStudyPrompts({ source: 'list', prompts: [{ prompt: ' ' }] }))).toMatch(/prompt 1 of the list is empty/);
  });
});

// Two layers, K = 2, two images of two steps: image 0 routes to branch 0, image 1 to branch 1 in layer b.
const study: StudyRoutes = {
  layers: ['unet:a', 'unet:b'],
  k: 2,
  images: [
    { routes: [[0.5, 0.5, 1, 0], [0.5, 0.5, 0.8, 0.2]] },
    { routes: [[0.5, 0.5, 0, 1], [0.5, 0.5, 0.2, 0.8]] },
  ],
};

describe("a study's routes", () => {
  it('give one vector per image and step, of the chosen layers in the study order', () => {
    const all = studyVectors(study);
    expect(all.points).toEqual([{ image: 0, step: 0 }, { image: 0, step: 1 }, { image: 1, step: 0 }, { image: 1, step: 1 }]);
    expect(Array.from(all.vectors[1])).toEqual([0.5, 0.5, 0.8, 0.2].map(Math.fround));
    const b = studyVectors(study, ['unet:b']);
    expect(b.layers).toEqual(['unet:b']);
    expect(b.vectors.map((v) => Array.from(v))).toEqual([[1, 0], [0.8, 0.2], [0, 1], [0.2, 0.8]].map((r) => r.map(Math.fround)));
    expect(() => studyVectors(study, ['unet:c'])).toThrow(/the study has no routed layer unet:c/);
    expect(() => studyVectors({ ...study, images: [{ routes: [[1, 0]] }] })).toThrow(/image 0 step 0 has 2 values, not layers x K = 4/);
  });

  it('average into a heat map per layer (step x branch) and a usage bar per layer', () => {
    const { meanByStep, usage } = routeSummary(study);
    expect(meanByStep[1]).toEqual([[0.5, 0.5], [0.5, 0.5]]);
    expect(meanByStep[0]).toEqual([[0.5, 0.5], [0.5, 0.5]]);
    expect(usage).toEqual([[0.5, 0.5], [0.5, 0.5]]);
    const skewed = routeSummary({ ...study, images: [study.images[0]] });
    expect(skewed.meanByStep[1]).toEqual([[1, 0], [0.8, 0.2]]);
    expect(skewed.usage[1][0]).toBeCloseTo(0.9, 12);
  });
});
