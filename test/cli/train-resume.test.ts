import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, TINY_MODEL, writeStripesDataset } from '../engine/training/run/synthetic-dataset';
import { styleinject } from './run-styleinject';

const bin = fileURLToPath(new URL('../../bin/styleinject.mjs', import.meta.url));
const wasm = { STYLEINJECT_BACKEND: 'wasm' };
let dir: string;
let cleanup: () => Promise<void>;

/** The same run config for every run of this file; only the output folder differs. */
async function writeRunConfig(name: string): Promise<string> {
  const path = join(dir, `${name}.json`);
  const config = {
    model: { path: TINY_MODEL },
    dataset: 'data',
    output: name,
    adapter: { method: 'lora', rank: 2 },
    resolution: 16,
    batchSize: 2,
    maxSteps: 24,
    lr: 5e-3,
    schedule: 'cosine',
    warmupSteps: 3,
    augment: { flip: true, captionDropout: 0.2, shuffleTags: true },
    noiseOffset: 0.05,
    checkpoints: { every: 4, keepLast: 2 },
    seed: 11,
  };
  await writeFile(path, JSON.stringify(config));
  return path;
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('train-resume'));
  await writeStripesDataset(join(dir, 'data'), 5, 16);
});
afterAll(() => cleanup());

/** Starts `styleinject train` and SIGKILLs it as soon as its first checkpoint is complete (the latest pointer exists). */
function runUntilFirstCheckpoint(config: string, output: string): Promise<{ killed: boolean; finishedBeforeKill: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'train', '--config', config], { env: { ...process.env, ...wasm }, stdio: 'ignore' });
    const latest = join(output, 'checkpoints', 'latest');
    const timer = setInterval(() => {
      if (!existsSync(latest)) return;
      clearInterval(timer);
      const finishedBeforeKill = existsSync(join(output, 'lora.safetensors'));
      child.kill('SIGKILL');
      child.once('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', finishedBeforeKill }));
    }, 20);
    child.once('error', reject);
    child.once('exit', () => clearInterval(timer));
  });
}

describe('styleinject train: kill -9 and resume', () => {
  it('a run killed after its first checkpoint resumes to the same final adapter as an uninterrupted run', async () => {
    const whole = await styleinject(['train', '--config', await writeRunConfig('whole')], wasm);
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stdout.trim().split('\n')).toEqual([join(dir, 'whole', 'lora.safetensors'), join(dir, 'whole', 'lora.kohya.safetensors')]);
    expect(whole.stderr).toMatch(/training \[#+\] 24\/24 .*loss \d\.\d{4}\s+lr /);

    const config = await writeRunConfig('killed');
    const kill = await runUntilFirstCheckpoint(config, join(dir, 'killed'));
    expect(kill).toEqual({ killed: true, finishedBeforeKill: false });
    const resumed = await styleinject(['train', '--config', config], wasm);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming step-\d+-\w+ at step (4|8|12|16|20)/);

    // Same backend, same order of operations: the resumed adapter is bit-identical.
    const a = readFileSync(join(dir, 'whole', 'lora.safetensors'));
    const b = readFileSync(join(dir, 'killed', 'lora.safetensors'));
    const tensorBytes = (file: Buffer) => file.subarray(8 + Number(file.readBigUInt64LE(0)));
    expect(Buffer.compare(tensorBytes(a), tensorBytes(b))).toBe(0);
  });

  it('rejects a bad config with every problem listed and exit code 2', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ model: { path: TINY_MODEL }, dataset: 'data', adapter: { method: 'loha', rank: 0 }, resolution: 20, lr: -1, extra: 1 }));
    const run = await styleinject(['train', '--config', path], wasm);
    expect(run.code).toBe(2);
    for (const problem of [/adapter\.method: must be one of 'lora', 'styleinject', got 'loha'/, /adapter\.rank: must be an integer >= 1, got 0/, /resolution: must be a multiple of 8, got 20/, /lr: must be a number > 0, got -1/, /extra: is not a setting here/, /output: is required/]) {
      expect(run.stderr).toMatch(problem);
    }
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{ "model": ');
    const broken = await styleinject(['train', '--config', notJson], wasm);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/is not valid JSON/);
    const help = await styleinject(['train', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--model', '--data', '--out', '--method', '--rank', '--k', '--steps', '--lr', '--resolution', '--batch', '--seed']) expect(help.stdout).toContain(flag);
  });
});
