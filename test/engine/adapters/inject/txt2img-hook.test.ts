import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../../../src-main/engine/adapters/blend';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import { toTsneVectors } from '../../../../src-main/engine/analysis/router-trace-tsne';
import { initBackend } from '../../../../src-main/engine/backend';
import { loadStableDiffusion, type StableDiffusion } from '../../../../src-main/engine/pipelines/stable-diffusion';
import { txt2img } from '../../../../src-main/engine/pipelines/txt2img';
import { goldenDir } from '../../../parity/golden';
import { moveOffInit } from '../layers/fixtures';

const request = { prompt: 'a red square', steps: 3, width: 16, height: 16, seed: 4 } as const;

describe('txt2img with an adapter session', () => {
  let sd: StableDiffusion;
  let adapter: Adapter;

  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
    sd = await loadStableDiffusion(join(goldenDir(), 'models', 'diffusers'));
    adapter = createAdapter({ unet: sd.unet }, adapterSettings({ method: 'styleinject', rank: 2, k: 2 }), { seed: 1, name: 'style' });
    moveOffInit(adapter);
  });
  afterAll(() => {
    if (adapter) disposeAdapter(adapter);
    sd?.dispose();
  });

  it('records every routed layer per step (both CFG halves) and returns the trace', async () => {
    const session = attachAdapters({ unet: sd.unet, textEncoder: sd.textEncoder }, [{ adapter, weight: 1 }], { recordRoutes: true });
    try {
      const result = await txt2img(sd, { ...request, adapters: session });
      const rows = result.routerTrace!;
      expect(rows).toHaveLength(3 * adapter.layers.size * 2);
      const timesteps = [0, 1, 2].map((step) => rows.find((r) => r.step === step)!.timestep);
      expect(new Set(timesteps).size).toBe(3);
      expect(timesteps[0]).toBeGreaterThan(timesteps[2]); // the schedule runs from noise down
      expect(new Set(rows.map((r) => r.pass))).toEqual(new Set(['uncond', 'cond']));
      const { points, vectors } = toTsneVectors(rows);
      expect(points.map((p) => p.step)).toEqual([0, 1, 2]);
      for (const v of vectors) expect(v.length).toBe(adapter.layers.size * 2);
    } finally {
      session.detach();
    }
  });

  it('runs a step-ranged adapter only on its steps', async () => {
    const session = attachAdapters({ unet: sd.unet }, [{ adapter, weight: 1, steps: { start: 0.5, end: 1 } }], { recordRoutes: true });
    try {
      const result = await txt2img(sd, { ...request, cfgScale: 1, adapters: session });
      const rows = result.routerTrace!;
      expect(new Set(rows.map((r) => r.step))).toEqual(new Set([2])); // progress 0, 1/3, 2/3: only the last is >= 0.5
      expect(rows).toHaveLength(adapter.layers.size); // no CFG: one row per layer
      expect(rows[0].pass).toBe('cond');
    } finally {
      session.detach();
    }
  });
});
