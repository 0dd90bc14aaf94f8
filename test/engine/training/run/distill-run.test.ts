import * as tf from '@tensorflow/tfjs';
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src-main/engine/backend';
import { parseTrainingConfig, train, TrainingConfigError, type TrainingEvent } from '../../../../src-main/engine/training/run';
import { tempFolder, TINY_MODEL, writePerturbedTeacher, writeStripesDataset } from './synthetic-dataset';

let dir: string;
let cleanup: () => Promise<void>;
let teacher: string;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  ({ dir, cleanup } = await tempFolder('distill-run'));
  await writeStripesDataset(join(dir, 'data'), 3, 16);
  teacher = join(dir, 'teacher.safetensors');
  await writePerturbedTeacher(teacher);
});
afterAll(() => cleanup());

const common = (output: string) => ({
  model: { path: TINY_MODEL },
  output: join(dir, output),
  task: 'distill',
  adapter: { method: 'styleinject', rank: 2, k: 2, targets: ['attention-qv', 'resnet-conv'] },
  resolution: 16,
  maxSteps: 4,
  lr: 1e-3,
  checkpoints: { every: 2, keepLast: 1 },
  samples: { every: 0 },
});

function stepTerms(events: TrainingEvent[]): string[][] {
  return events.filter((e): e is Extract<TrainingEvent, { type: 'step' }> => e.type === 'step').map((e) => Object.keys(e.terms).sort());
}

describe('distillation runs', () => {
  it('distils a teacher checkpoint on the dataset images with task, output and feature terms', async () => {
    const before = tf.memory().numTensors;
    const events: TrainingEvent[] = [];
    const config = parseTrainingConfig({ ...common('images'), dataset: join(dir, 'data'), distill: { teacher } });
    const result = await train(config, { onEvent: (e) => events.push(e) });
    expect(result.status).toBe('finished');
    expect(stepTerms(events)).toEqual(Array(4).fill(['feat_kd', 'out_kd', 'task']));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('distils from prompts alone: the teacher samples each prompt once into the cache, keyed by teacher, prompt and seed', async () => {
    const prompts = join(dir, 'prompts.txt');
    await writeFile(prompts, 'orange stripes\nred flat colour\n');
    const raw = { ...common('prompts'), distill: { teacher, promptsOnly: true, pairedPrompts: prompts, sampling: { steps: 2, cfg: 1 } } };
    const result = await train(parseTrainingConfig(raw), { onEvent: () => undefined });
    expect(result.status).toBe('finished');
    const cache = join(dir, 'prompts', 'cache', 'teacher-latents');
    const cached = readdirSync(cache).sort();
    expect(cached).toHaveLength(2);

    const again = await train(parseTrainingConfig({ ...raw, output: join(dir, 'prompts-2') }), { onEvent: () => undefined });
    expect(again.status).toBe('finished');
    expect(readdirSync(join(dir, 'prompts-2', 'cache', 'teacher-latents')).sort()).toEqual(cached); // same teacher, prompts, seeds: same keys
  });

  it('refuses incomplete distillation settings with every problem listed', () => {
    const bad = () => parseTrainingConfig({ ...common('bad'), distill: { promptsOnly: true, teacherTokenizer: 'tok', weights: { out: -1 } } });
    expect(bad).toThrow(TrainingConfigError);
    expect(bad).toThrow(/distill\.teacher[\s\S]*distill\.weights\.out[\s\S]*pairedPrompts/);
  });
});
