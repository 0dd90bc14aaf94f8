import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type BackendName } from '../../../src-main/engine/backend';
import { attachAdapters } from '../../../src-main/engine/adapters/blend';
import { createAdapter } from '../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../src-main/engine/adapters/settings';
import { disposeAdapter } from '../../../src-main/engine/adapters/adapter';
import type { RouterTraceRow } from '../../../src-main/engine/analysis/router-trace';
import { SafetensorsReader } from '../../../src-main/engine/io/safetensors';
import { loadStableDiffusion } from '../../../src-main/engine/pipelines/stable-diffusion';
import { txt2img } from '../../../src-main/engine/pipelines/txt2img';
import { parseTrainingConfig, train, type TrainingEvent } from '../../../src-main/engine/training/run';
import { moveOffInit } from '../adapters/layers/fixtures';
import { tempFolder, TINY_MODEL, writeStripesDataset } from '../training/run/synthetic-dataset';

/**
 * The engine paths a GPU user takes, on webgpu (Dawn; here Mesa's GL ES software adapter, as in
 * CI): a short LoRA and StyleInject training run with adapter saving, and a generation with a
 * router trace, each compared with the same run on wasm. Skipped by name where webgpu cannot
 * start (no `webgpu` package, no EGL/GL ES).
 */
const webgpu = await initBackend({ force: 'webgpu' }).then(
  (report) => ({ ok: true as const, detail: report.detail }),
  (error: Error) => ({ ok: false as const, detail: error.message }),
);
const title = (what: string) => `${what}${webgpu.ok ? '' : ` (skipped: ${webgpu.detail})`}`;

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('webgpu-paths'));
  await writeStripesDataset(join(dir, 'data'), 2, 16);
});
afterAll(() => cleanup?.());

/** One optimizer step of a tiny run on `backend`: its step event and the adapter it saved. */
async function trainOneStep(backend: BackendName, method: 'lora' | 'styleinject') {
  await initBackend({ force: backend });
  const before = tf.memory().numTensors;
  const events: TrainingEvent[] = [];
  const result = await train(
    parseTrainingConfig({
      model: { path: TINY_MODEL },
      dataset: join(dir, 'data'),
      output: join(dir, `${method}-${backend}`),
      adapter: method === 'lora' ? { method, rank: 2 } : { method, rank: 2, k: 2 },
      resolution: 16,
      maxSteps: 1,
      lr: 1e-3,
      seed: 3,
    }),
    { onEvent: (e) => events.push(e) },
  );
  expect(result.status).toBe('finished');
  expect(tf.memory().numTensors).toBe(before);
  const step = events.find((e): e is Extract<TrainingEvent, { type: 'step' }> => e.type === 'step');
  return { step: step!, adapterPath: result.adapterPath as string };
}

async function tensorsOf(path: string): Promise<Map<string, Float32Array>> {
  const reader = await SafetensorsReader.open(path);
  try {
    const out = new Map<string, Float32Array>();
    for (const key of reader.keys()) if (reader.entry(key).dtype === 'F32') out.set(key, await reader.readFloat32(key));
    return out;
  } finally {
    await reader.close();
  }
}

describe(`engine paths on webgpu${webgpu.ok ? ` (${webgpu.detail})` : ''}`, () => {
  for (const method of ['lora', 'styleinject'] as const) {
    it.skipIf(!webgpu.ok)(title(`trains ${method} one step and saves the adapter, as wasm does`), async () => {
      const gpu = await trainOneStep('webgpu', method);
      const cpu = await trainOneStep('wasm', method);
      expect(gpu.step.loss).toBeCloseTo(cpu.step.loss, 4);
      expect(gpu.step.gradNorm / cpu.step.gradNorm).toBeCloseTo(1, 3);
      const [a, b] = [await tensorsOf(gpu.adapterPath), await tensorsOf(cpu.adapterPath)];
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [key, values] of a) {
        const other = b.get(key) as Float32Array;
        const worst = values.reduce((m, v, i) => Math.max(m, Math.abs(v - other[i])), 0);
        expect({ key, worst }).toSatisfy((w: { worst: number }) => w.worst < 1e-5); // one AdamW step of lr 1e-3 from the same start
      }
    });
  }

  it.skipIf(!webgpu.ok)(title('records a router trace while generating, with the rows wasm records'), async () => {
    const traceOn = async (backend: BackendName): Promise<RouterTraceRow[]> => {
      await initBackend({ force: backend });
      const sd = await loadStableDiffusion(TINY_MODEL);
      const adapter = createAdapter({ unet: sd.unet }, adapterSettings({ method: 'styleinject', rank: 2, k: 3 }), { seed: 1, name: 'style' });
      moveOffInit(adapter); // seeded: the same routers on both backends, away from uniform
      const session = attachAdapters({ unet: sd.unet, textEncoder: sd.textEncoder }, [{ adapter, weight: 1 }], { recordRoutes: true });
      try {
        const result = await txt2img(sd, { prompt: 'stripes', steps: 2, width: 16, height: 16, seed: 1, sampler: 'ddim', adapters: session });
        return result.routerTrace as RouterTraceRow[];
      } finally {
        session.detach();
        disposeAdapter(adapter);
        sd.dispose();
      }
    };
    const gpu = await traceOn('webgpu');
    const cpu = await traceOn('wasm');
    expect(gpu.length).toBeGreaterThan(0);
    expect(gpu.map(({ probs: _, ...where }) => where)).toEqual(cpu.map(({ probs: _, ...where }) => where));
    gpu.forEach((row, i) => {
      expect(row.probs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
      row.probs.forEach((p, k) => expect(Math.abs(p - cpu[i].probs[k])).toBeLessThan(1e-4));
    });
  });
});
