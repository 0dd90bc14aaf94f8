import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, readImageParameters, type EngineApi, type EngineError, type EngineEvent, type RouterStudyRequest, type RouterStudyResult } from '../../../src-main/engine';
import { initBackend } from '../../../src-main/engine/backend';
import { loadStableDiffusion } from '../../../src-main/engine/pipelines/stable-diffusion';
import { goldenDir } from '../../parity/golden';
import { tempFolder, TINY_MODEL } from '../training/run/synthetic-dataset';
import { PROMPT_GROUPS, writeRandomRouterAdapter, writeTrainedRouterAdapter } from './router-adapters';

const STEPS = 3;
const SEEDS = 2;
const SIZE = 16;

let dir: string;
let cleanup: () => Promise<void>;
let engine: EngineApi;
let training: Awaited<ReturnType<typeof writeTrainedRouterAdapter>>;
const studies: Record<'trained' | 'random', { result: RouterStudyResult; events: EngineEvent[]; tensorsAfter: number }> = {} as never;

const request = (adapter: string, folder: string): RouterStudyRequest => ({
  model: { path: TINY_MODEL },
  adapter: { path: adapter },
  prompts: { source: 'list', prompts: Object.entries(PROMPT_GROUPS).flatMap(([theme, prompts]) => prompts.map((prompt) => ({ prompt, theme }))) },
  seeds: SEEDS,
  steps: STEPS,
  width: SIZE,
  height: SIZE,
  output: { folder: join(dir, folder) },
});

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('router-study'));
  await initBackend({ force: 'wasm' });
  const sd = await loadStableDiffusion(TINY_MODEL);
  try {
    training = await writeTrainedRouterAdapter(sd, join(dir, 'trained.safetensors'), 100);
    await writeRandomRouterAdapter(sd, join(dir, 'random.safetensors'), training.norms, 5);
  } finally {
    sd.dispose();
  }
  engine = createEngine({ backend: 'wasm' });
  for (const name of ['trained', 'random'] as const) {
    const events: EngineEvent[] = [];
    const result = await engine.routerStudy(request(join(dir, `${name}.safetensors`), name), { onEvent: (e) => events.push(e) });
    studies[name] = { result, events, tensorsAfter: tf.memory().numTensors };
  }
});
afterAll(async () => {
  await engine?.close();
  await cleanup?.();
});

describe('router study and embedding on the tiny model (spec section 6)', () => {
  it('a router trained to tell two prompt groups apart puts them in separate regions; an untrained one does not', async () => {
    expect(training.lastLoss).toBeLessThan(training.firstLoss / 5);
    const figures: Record<string, number> = {};
    for (const name of ['trained', 'random'] as const) {
      for (const method of ['tsne', 'pca', 'umap'] as const) {
        const events: EngineEvent[] = [];
        const embedding = await engine.embedRoutes({ study: studies[name].result, method }, { onEvent: (e) => events.push(e) });
        expect(embedding.points).toHaveLength(10 * SEEDS * STEPS);
        expect(embedding.sources?.[SEEDS * STEPS]).toEqual({ image: SEEDS, step: 0 });
        const last = events.filter((e) => e.type === 'progress').at(-1);
        expect(last?.type === 'progress' && last.phase === 'embed' && last.step === last.total).toBe(true);
        const separation = embedding.themeSeparation;
        if (!separation) throw new Error('a study with two themes reports their separation');
        expect(separation.chance).toBeCloseTo(4 / 9, 5); // 4 other prompts of 9 share a point's theme
        figures[`${name} ${method}`] = separation.purity;
      }
    }
    console.log(JSON.stringify({ routerPurity: figures, chance: 4 / 9, trainingLoss: [training.firstLoss, training.lastLoss] }));
    for (const method of ['tsne', 'pca', 'umap']) {
      expect(figures[`trained ${method}`]).toBeGreaterThan(0.8);
      expect(figures[`random ${method}`]).toBeLessThan(0.6);
    }
  });

  it('returns every routed layer at every step per image, writes each image as a generated PNG, and reports progress per image and step', () => {
    const { result, events } = studies.trained;
    expect(result.layers.length).toBeGreaterThan(0);
    expect(result.layers.every((l) => l.startsWith('unet:'))).toBe(true);
    expect(result.k).toBe(4);
    expect(result.timesteps).toHaveLength(STEPS);
    expect(result.images).toHaveLength(10 * SEEDS);
    expect(result.images.slice(0, 2).map((i) => [i.theme, i.seed])).toEqual([
      ['animals', 1],
      ['animals', 2],
    ]);
    for (const image of result.images) {
      expect(image.routes).toHaveLength(STEPS);
      for (const row of image.routes) {
        expect(row).toHaveLength(result.layers.length * result.k);
        for (let l = 0; l < result.layers.length; l++) expect(row.slice(l * 4, l * 4 + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
    }
    const png = new Uint8Array(readFileSync(result.images[3].path));
    expect(readImageParameters(png)?.prompt).toBe(result.images[3].prompt);
    expect(result.summary.usage).toHaveLength(result.layers.length);
    expect(result.summary.meanByStep[0]).toHaveLength(STEPS);

    const denoise = events.flatMap((e) => (e.type === 'progress' && e.phase === 'denoise' ? [e] : []));
    expect(denoise).toHaveLength(10 * SEEDS * STEPS);
    expect(denoise.at(-1)).toMatchObject({ step: 60, total: 60, item: { index: 19, count: 20, step: STEPS, steps: STEPS } });
    expect(denoise[4].item).toMatchObject({ index: 1, step: 2, label: PROMPT_GROUPS.animals[0] });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(studies.random.tensorsAfter).toBe(studies.trained.tensorsAfter); // a study leaves no tensors behind
  });

  it('refuses an adapter without a style router before any work, and stops at the next step when cancelled', async () => {
    const lora = join(goldenDir(), 'lora_kohya', 'lora.safetensors');
    const refused = await engine.routerStudy(request(lora, 'lora')).catch((e: EngineError) => e);
    expect((refused as EngineError).code).toBe('bad-input');
    expect((refused as EngineError).message).toMatch(/plain LoRA.*no style router/);
    expect(existsSync(join(dir, 'lora'))).toBe(false);

    const controller = new AbortController();
    const stopped = await engine
      .routerStudy(request(join(dir, 'trained.safetensors'), 'cancelled'), {
        signal: controller.signal,
        onEvent: (e) => e.type === 'progress' && e.phase === 'denoise' && e.step === STEPS + 1 && controller.abort(),
      })
      .catch((e: EngineError) => e);
    expect((stopped as EngineError).code).toBe('cancelled');
    expect(existsSync(studies.trained.result.images[0].path.replace('trained', 'cancelled'))).toBe(true); // the finished first image stays
    expect(existsSync(studies.trained.result.images[1].path.replace('trained', 'cancelled'))).toBe(false);
  });
});
