import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter } from '../../../../src-main/engine/adapters/adapter';
import { loadAdapter } from '../../../../src-main/engine/adapters/files';
import { initBackend } from '../../../../src-main/engine/backend';
import { loadStableDiffusion, type StableDiffusion } from '../../../../src-main/engine/pipelines/stable-diffusion';
import { parseTrainingConfig, train, type TrainingEvent } from '../../../../src-main/engine/training/run';
import { datasetLatents, latentDistances } from './latent-measures';
import { tempFolder, TINY_MODEL, writeStripesDataset } from './synthetic-dataset';

const RESOLUTION = 16;
const STEPS = 100;
const WINDOW = 25;

let dir: string;
let cleanup: () => Promise<void>;
let sd: StableDiffusion;
let data: Awaited<ReturnType<typeof datasetLatents>>;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  ({ dir, cleanup } = await tempFolder('learn'));
  await writeStripesDataset(join(dir, 'data'), 6, RESOLUTION);
  sd = await loadStableDiffusion(TINY_MODEL);
  data = await datasetLatents(sd, join(dir, 'data'), RESOLUTION);
});
afterAll(async () => {
  data?.latents.dispose();
  sd?.dispose();
  await cleanup();
});

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Trains STEPS steps and measures the loss windows, memory, and the generated latents against the dataset's. */
async function trainAndMeasure(method: 'lora' | 'styleinject') {
  const config = parseTrainingConfig({
    model: { path: TINY_MODEL },
    dataset: join(dir, 'data'),
    output: join(dir, method),
    adapter: { method, rank: 4, ...(method === 'styleinject' && { k: 4 }) },
    resolution: RESOLUTION,
    maxSteps: STEPS,
    // One rate for both: at 3e-2 StyleInject's router made the run unstable (the loss rose on two of four seeds).
    lr: 1e-2,
    checkpoints: { every: STEPS },
    seed: 7,
  });
  const steps: Extract<TrainingEvent, { type: 'step' }>[] = [];
  const started = performance.now();
  const result = await train(config, { onEvent: (e) => e.type === 'step' && steps.push(e) });
  const seconds = (performance.now() - started) / 1000;
  const losses = steps.map((s) => s.loss);
  const adapter = await loadAdapter(result.adapterPath as string);
  try {
    const distances = await latentDistances(sd, adapter, data.means, { prompt: 'orange, red, stripes', seeds: [1, 2, 3, 4], resolution: RESOLUTION, steps: 10 }, data);
    const report = {
      method,
      seconds: Number(seconds.toFixed(1)),
      startLoss: Number(mean(losses.slice(0, WINDOW)).toFixed(4)),
      endLoss: Number(mean(losses.slice(-WINDOW)).toFixed(4)),
      latentDistanceWithout: Number(distances.without.toFixed(4)),
      latentDistanceWith: Number(distances.withAdapter.toFixed(4)),
      fixedDrawLossWithout: Number(distances.lossWithout.toFixed(4)),
      fixedDrawLossWith: Number(distances.lossWith.toFixed(4)),
      tensors: [steps[4].memory.numTensors, steps[steps.length - 1].memory.numTensors],
    };
    console.log(JSON.stringify(report));
    return { result, report };
  } finally {
    disposeAdapter(adapter);
  }
}

describe('training learns the dataset on the tiny model', () => {
  for (const method of ['lora', 'styleinject'] as const) {
    it(`${method}: the loss falls, generation moves toward the dataset, tensors do not pile up`, async () => {
      const before = tf.memory().numTensors;
      const { result, report } = await trainAndMeasure(method);
      expect(result.status).toBe('finished');
      expect(result.step).toBe(STEPS);
      // The training loss (random timesteps each step) falls; on fixed draws the fall is clear.
      expect(report.endLoss).toBeLessThan(report.startLoss);
      expect(report.fixedDrawLossWith).toBeLessThan(report.fixedDrawLossWithout * 0.95);
      expect(report.latentDistanceWith).toBeLessThan(report.latentDistanceWithout);
      expect(report.tensors[1]).toBe(report.tensors[0]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
