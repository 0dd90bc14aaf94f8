import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../../../src-main/engine/adapters/files';
import { disposeAdapter } from '../../../../src-main/engine/adapters/adapter';
import { initBackend } from '../../../../src-main/engine/backend';
import { readInfotextFromPng } from '../../../../src-main/engine/io/png';
import { listRunStates } from '../../../../src-main/engine/training/run-state';
import { parseTrainingConfig, train, type TrainingEvent } from '../../../../src-main/engine/training/run';
import { tempFolder, TINY_MODEL, writeStripesDataset } from './synthetic-dataset';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  ({ dir, cleanup } = await tempFolder('trainer'));
  await writeStripesDataset(join(dir, 'data'), 3, 16);
});
afterAll(() => cleanup());

const base = (output: string, extra: Record<string, unknown> = {}) =>
  parseTrainingConfig({
    model: { path: TINY_MODEL },
    dataset: join(dir, 'data'),
    output: join(dir, output),
    adapter: { method: 'styleinject', rank: 2, k: 2 },
    resolution: 16,
    maxSteps: 6,
    lr: 1e-3,
    gradientCheckpointing: true,
    checkpoints: { every: 2, keepLast: 2 },
    samples: { every: 2, prompts: ['orange, stripes', 'red'], seeds: [5, 6], steps: 2 },
    ...extra,
  });

describe('train()', () => {
  it('cancels at a step boundary with a checkpoint, writes samples and step adapters, and will not overwrite a run without resume', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const events: TrainingEvent[] = [];
    const result = await train(base('cancel'), {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'step' && e.step === 3) controller.abort();
      },
    });
    expect(result).toMatchObject({ status: 'cancelled', step: 3, adapterPath: null });
    expect(events.at(-1)).toMatchObject({ type: 'cancelled', step: 3, checkpoint: result.checkpoint });
    const names = (await listRunStates(join(dir, 'cancel', 'checkpoints'))).map((c) => c.name);
    expect(names).toHaveLength(2); // steps 2 and 3 (keepLast 2)
    expect(names.at(-1)).toBe(result.checkpoint);

    const step = events.find((e): e is Extract<TrainingEvent, { type: 'step' }> => e.type === 'step');
    expect(step).toMatchObject({ step: 1, totalSteps: 6, lr: 1e-3 });
    expect(step?.memory.rssBytes).toBeGreaterThan(0);
    const samples = events.find((e): e is Extract<TrainingEvent, { type: 'samples' }> => e.type === 'samples');
    expect(samples?.paths.map((p) => p.slice(join(dir, 'cancel').length))).toEqual(['/samples/step000002/00-seed5.png', '/samples/step000002/01-seed6.png']);
    const info = readInfotextFromPng(new Uint8Array(readFileSync(samples?.paths[1] as string)));
    expect(info?.prompt).toBe('red');
    const stepAdapter = join(dir, 'cancel', 'adapters', 'styleinject-step000002.safetensors');
    const adapter = await loadAdapter(stepAdapter);
    expect(adapter.config).toMatchObject({ method: 'styleinject', k: 2, dma: true, sta: true });
    expect(adapter.metadata.training_step).toBe('2');
    disposeAdapter(adapter);

    await expect(train(base('cancel', { resume: false }))).rejects.toThrow(/already holds training checkpoints .*set resume/);
    await expect(train(base('cancel', { lr: 2e-3 }))).rejects.toThrow(/cannot resume [\s\S]*lr: was 0.001, now 0.002/);
    const finished = await train(base('cancel'));
    expect(finished).toMatchObject({ status: 'finished', step: 6, kohyaPath: null });
    expect(existsSync(join(dir, 'cancel', 'styleinject.safetensors'))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
