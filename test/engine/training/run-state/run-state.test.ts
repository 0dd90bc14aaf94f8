import * as tf from '@tensorflow/tfjs';
import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src-main/engine/backend';
import { SeededGenerator } from '../../../../src-main/engine/random';
import {
  RunStateSaveError,
  disposeTrainingState,
  fileSystemWriter,
  LATEST_FILE,
  listRunStates,
  loadLatestRunState,
  saveRunState,
  type RunStateWriter,
  type TrainingState,
} from '../../../../src-main/engine/training/run-state';
import { BatchStream, centreCoverCrop, type DatasetItem } from '../../../../src-main/engine/training/data';
import { AdamW } from '../../../../src-main/engine/training/optim';
import { tempFolder } from '../data/test-images';

let root: string;
let cleanup: () => Promise<void>;
let dir: string;
let caseNumber = 0;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  ({ dir: root, cleanup } = await tempFolder('checkpoints'));
});
afterAll(() => cleanup());
beforeEach(() => {
  dir = join(root, `case-${caseNumber++}`);
});

const items: DatasetItem[] = [0, 1, 2].map((index) => ({
  index,
  image: `/data/${index}.png`,
  caption: `tag${index}`,
  repeats: 1,
  contentHash: `h${index}`,
  sourceSize: { width: 64, height: 64 },
  size: { width: 64, height: 64 },
  crop: centreCoverCrop({ width: 64, height: 64 }, { width: 64, height: 64 }),
}));

/** A real little training run: an adapter pair, AdamW steps, a data stream and a noise generator. */
function trainedState(steps: number): { state: TrainingState; dispose: () => void } {
  const down = tf.variable(tf.tensor2d([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]));
  const up = tf.variable(tf.zeros([4, 2]));
  const optimizer = new AdamW({ 'layer.down': down, 'layer.up': up }, { lr: 0.01 });
  const stream = new BatchStream(items, { batchSize: 2, seed: 5 });
  const noise = new SeededGenerator(11);
  const x = tf.tensor2d([[1, 2, 3]]);
  for (let i = 0; i < steps; i++) {
    stream.next();
    noise.normalArray(4);
    const { value, grads } = tf.variableGrads(() => tf.matMul(up, tf.matMul(down, x.transpose())).sub(1).square().mean() as tf.Scalar, [down, up]);
    optimizer.applyGradients({ 'layer.down': grads[down.name], 'layer.up': grads[up.name] });
    tf.dispose([value, ...Object.values(grads)]);
  }
  x.dispose();
  const moments = optimizer.getState();
  const state: TrainingState = {
    step: steps,
    adapter: { 'layer.down': down, 'layer.up': up },
    optimizer: moments,
    optimizerHyper: optimizer.hyper,
    lrSchedule: { kind: 'constant', baseLr: 0.01, warmupSteps: 2 },
    data: stream.getState(),
    generators: { noise: noise.getState() },
    config: { method: 'lora', rank: 2, note: 'naïve ✓' },
  };
  return {
    state,
    dispose: () => {
      tf.dispose([down, up, ...Object.values(moments.m), ...Object.values(moments.v)]);
      optimizer.dispose();
    },
  };
}

async function saveSteps(steps: number, options: Parameters<typeof saveRunState>[2] = {}): Promise<string> {
  const run = trainedState(steps);
  try {
    return await saveRunState(dir, run.state, options);
  } finally {
    run.dispose();
  }
}

async function latestStep(): Promise<number | undefined> {
  const loaded = await loadLatestRunState(dir);
  if (loaded) disposeTrainingState(loaded.state);
  return loaded?.state.step;
}

describe('training checkpoints', () => {
  it('round-trips adapter tensors, optimizer moments and the JSON state', async () => {
    const run = trainedState(3);
    const name = await saveRunState(dir, run.state);
    expect((await readFile(join(dir, LATEST_FILE), 'utf8')).trim()).toBe(name);
    const loaded = await loadLatestRunState(dir);
    expect(loaded?.name).toBe(name);
    const state = loaded!.state;
    for (const [key, tensor] of Object.entries(run.state.adapter)) expect(Array.from(state.adapter[key].dataSync())).toEqual(Array.from(tensor.dataSync()));
    for (const [key, tensor] of Object.entries(run.state.optimizer.v)) expect(Array.from(state.optimizer.v[key].dataSync())).toEqual(Array.from(tensor.dataSync()));
    expect(state.optimizer.m['layer.up'].shape).toEqual([4, 2]);
    expect(state.optimizer.step).toBe(3);
    expect(state.data).toEqual(run.state.data);
    expect(state.generators).toEqual(run.state.generators);
    expect(state.lrSchedule).toEqual(run.state.lrSchedule);
    expect(state.config).toEqual(run.state.config);

    // Resuming from it continues the run exactly: same next batch, same optimizer update.
    const resumed = new BatchStream(items, { batchSize: 2, seed: 5 }, state.data);
    const original = new BatchStream(items, { batchSize: 2, seed: 5 }, run.state.data);
    expect(resumed.next().samples.map((s) => s.item.index)).toEqual(original.next().samples.map((s) => s.item.index));
    expect(SeededGenerator.fromState(state.generators.noise).normalArray(3)).toEqual(SeededGenerator.fromState(run.state.generators.noise).normalArray(3));
    disposeTrainingState(state);
    run.dispose();
  });

  it('keeps the last N and lists them oldest first', async () => {
    for (const step of [1, 2, 3, 4]) await saveSteps(step, { keepLast: 2 });
    expect((await listRunStates(dir)).map((c) => c.step)).toEqual([3, 4]);
    expect((await readdir(dir)).sort()).toHaveLength(5); // 2 x (json + safetensors) + latest
    expect(await latestStep()).toBe(4);
  });

  for (const [stage, completedWrites] of [['tensors', 0], ['sidecar', 1], ['latest', 2]] as const) {
    it(`an abort before the ${stage} write leaves the previous checkpoint as latest`, async () => {
      await saveSteps(2);
      const controller = new AbortController();
      let writes = 0;
      const abortAfter = () => {
        if (++writes === completedWrites) controller.abort();
      };
      const writer: RunStateWriter = {
        writeTensors: async (...args) => (await fileSystemWriter.writeTensors(...args), abortAfter()),
        writeFile: async (...args) => (await fileSystemWriter.writeFile(...args), abortAfter()),
      };
      if (completedWrites === 0) controller.abort();
      const error = await saveSteps(5, { signal: controller.signal, writer }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RunStateSaveError);
      expect((error as RunStateSaveError).stage).toBe(stage);
      expect((error as Error).message).toMatch(/cancelled.*previous checkpoint is kept/);
      expect(await latestStep()).toBe(2);
      expect((await listRunStates(dir)).map((c) => c.step)).toEqual([2]);
    });

    it(`a process killed during the ${stage} write leaves the previous checkpoint loadable`, async () => {
      await saveSteps(2);
      // The kill: the write at this stage never finishes and nothing after it runs, no clean-up either.
      let writes = 0;
      const frozen = new Promise<never>(() => undefined);
      const killAt = async (path: string, write: () => Promise<void>) => {
        if (writes++ < completedWrites) return write();
        await writeFile(join(dir, `.${path.split('/').pop()}.12345.abcdef.tmp`), 'half a file');
        return frozen;
      };
      const writer: RunStateWriter = {
        writeTensors: (path, ...rest) => killAt(path, () => fileSystemWriter.writeTensors(path, ...rest)),
        writeFile: (path, bytes) => killAt(path, () => fileSystemWriter.writeFile(path, bytes)),
      };
      void saveSteps(5, { writer });
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the save reach the frozen write
      expect(writes).toBe(completedWrites + 1);
      expect(await latestStep()).toBe(2);
      // The next successful save clears what the killed one left behind.
      await saveSteps(6, { keepLast: 5 });
      expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect((await listRunStates(dir)).map((c) => c.step)).toEqual(completedWrites === 2 ? [2, 5, 6] : [2, 6]);
      expect(await latestStep()).toBe(6);
    });
  }

  it('a full disk (ENOSPC) gives a clear error and keeps the previous checkpoint', async () => {
    await saveSteps(2);
    const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    for (const failing of ['tensors', 'json'] as const) {
      const writer: RunStateWriter = {
        writeTensors: async (...args) => (failing === 'tensors' ? Promise.reject(noSpace()) : fileSystemWriter.writeTensors(...args)),
        writeFile: async () => Promise.reject(noSpace()),
      };
      const error = await saveSteps(5, { writer }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RunStateSaveError);
      expect((error as Error).message).toMatch(/^disk full: could not save the checkpoint for step 5 .*previous checkpoint is kept/);
      expect(await latestStep()).toBe(2);
      expect((await readdir(dir)).filter((f) => f.includes('step-00000005'))).toEqual([]); // the half save was removed
    }
  });

  it('skips corrupt or incomplete checkpoints with a logged reason', async () => {
    const first = await saveSteps(1);
    const second = await saveSteps(2);
    const third = await saveSteps(3);
    await truncate(join(dir, `${third}.safetensors`), 100); // latest: torn tensor file
    await writeFile(join(dir, `${second}.json`), '{"format": "styleinject-training-checkpoint", "version": 1, '); // torn sidecar
    const log: string[] = [];
    const loaded = await loadLatestRunState(dir, { log: (line) => log.push(line) });
    expect(loaded?.name).toBe(first);
    disposeTrainingState(loaded!.state);
    expect(log).toEqual([expect.stringMatching(new RegExp(`skipping ${third}: tensor file is 100 bytes`))]);
    // The torn sidecar is not even listed as a finished checkpoint; a missing latest falls back to the listing.
    await rm(join(dir, LATEST_FILE));
    await rm(join(dir, `${third}.json`));
    expect((await loadLatestRunState(dir))?.name).toBe(first);
    expect(await loadLatestRunState(join(dir, 'nothing-here'))).toBeNull();
  });

  it('refuses a non-JSON config before writing anything', async () => {
    const run = trainedState(1);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(saveRunState(dir, { ...run.state, config: circular })).rejects.toThrow(/circular/);
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
    run.dispose();
  });
});
