import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src-main/engine/backend';
import { readInfotextFromPng } from '../../../../src-main/engine/io/png';
import { parseTrainingConfig, train, type TrainingEvent } from '../../../../src-main/engine/training/run';
import { tempFolder, TINY_MODEL, writeStripesDataset } from '../run/synthetic-dataset';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  ({ dir, cleanup } = await tempFolder('dreambooth'));
  await writeStripesDataset(join(dir, 'instance'), 3, 16);
});
afterAll(() => cleanup());

function config(output: string) {
  return parseTrainingConfig({
    model: { path: TINY_MODEL },
    task: 'dreambooth',
    dataset: join(dir, 'instance'),
    dreambooth: { instancePrompt: 'a photo of sks stripes', classPrompt: 'a photo of stripes', classFolder: join(dir, 'class'), priorImages: 2, priorWeight: 0.5, generationSteps: 2, generationCfg: 2 },
    output: join(dir, output),
    resolution: 16,
    maxSteps: 3,
    lr: 1e-3,
  });
}

async function run(output: string) {
  const events: TrainingEvent[] = [];
  const result = await train(config(output), { onEvent: (e) => events.push(e) });
  return { result, events, steps: events.filter((e): e is Extract<TrainingEvent, { type: 'step' }> => e.type === 'step') };
}

describe('DreamBooth with prior preservation', () => {
  it('generates the missing class-prior images once, trains on instance + prior terms, and reuses the priors', async () => {
    const before = tf.memory().numTensors;
    const first = await run('first');
    expect(first.result.status).toBe('finished');
    const priors = readdirSync(join(dir, 'class')).sort();
    expect(priors).toEqual(['prior-00000-seed42.png', 'prior-00001-seed43.png']);
    const info = readInfotextFromPng(new Uint8Array(readFileSync(join(dir, 'class', priors[0]))));
    expect(info?.prompt).toBe('a photo of stripes');
    expect(first.events.some((e) => e.type === 'status' && e.message === 'generating class-prior images')).toBe(true);
    for (const step of first.steps) {
      expect(Object.keys(step.terms).sort()).toEqual(['instance', 'prior']);
      // total = instance + lambda_prior * prior
      expect(step.loss).toBeCloseTo(step.terms.instance + 0.5 * step.terms.prior, 5);
    }

    const mtimes = priors.map((p) => statSync(join(dir, 'class', p)).mtimeMs);
    const second = await run('second');
    expect(second.result.status).toBe('finished');
    expect(second.events.some((e) => e.type === 'status' && e.message === 'generating class-prior images')).toBe(false);
    expect(readdirSync(join(dir, 'class')).sort()).toEqual(priors);
    expect(priors.map((p) => statSync(join(dir, 'class', p)).mtimeMs)).toEqual(mtimes);
    // Same config, same priors, same seeds: the same losses.
    expect(second.steps.map((s) => s.loss)).toEqual(first.steps.map((s) => s.loss));
    expect(tf.memory().numTensors).toBe(before);
  });
});
