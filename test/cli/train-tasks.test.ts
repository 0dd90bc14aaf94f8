import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, TINY_MODEL, writePerturbedTeacher, writeStripesDataset } from '../engine/training/run/synthetic-dataset';
import { styleinject } from './run-styleinject';

let dir: string;
let cleanup: () => Promise<void>;
const wasm = { STYLEINJECT_BACKEND: 'wasm' };
const small = ['--model', TINY_MODEL, '--resolution', '16', '--steps', '2', '--lr', '1e-3', '--method', 'styleinject', '--rank', '2', '--k', '2'];

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('cli-tasks'));
  await writeStripesDataset(join(dir, 'data'), 3, 16);
});
afterAll(() => cleanup());

describe('styleinject train runs every task on the tiny model', () => {
  it('DreamBooth: generates the class images, trains, writes the adapter', async () => {
    const config = join(dir, 'dreambooth.json');
    const dreambooth = { instancePrompt: 'a photo of sks stripes', classPrompt: 'a photo of stripes', classFolder: join(dir, 'class'), priorImages: 2, generationSteps: 2 };
    await writeFile(config, JSON.stringify({ task: 'dreambooth', dataset: join(dir, 'data'), dreambooth, output: join(dir, 'db') }));
    const run = await styleinject(['train', '--config', config, ...small], wasm);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(join(dir, 'class')).filter((f) => f.endsWith('.png'))).toHaveLength(2);
    expect(existsSync(join(dir, 'db', 'styleinject.safetensors'))).toBe(true);
  });

  it('distillation from a teacher checkpoint given by flags', async () => {
    const teacher = join(dir, 'teacher.safetensors');
    await writePerturbedTeacher(teacher);
    const run = await styleinject(['train', '--task', 'distill', '--teacher', teacher, '--data', join(dir, 'data'), '--out', join(dir, 'distill'), ...small], wasm);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'distill', 'styleinject.safetensors'))).toBe(true);
  });
});
