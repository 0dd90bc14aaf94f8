import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, EngineError, readImageParameters, type EngineApi, type EngineEvent, type GenerateRequest } from '../../../src-main/engine';
import { goldenDir } from '../../parity/golden';
import { tempFolder, TINY_MODEL } from '../training/run/synthetic-dataset';

const kohyaFile = join(goldenDir(), 'lora_kohya', 'lora.safetensors');
let dir: string;
let cleanup: () => Promise<void>;
let engine: EngineApi;

const request = (name: string, extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  model: { path: TINY_MODEL },
  prompt: 'a striped cat',
  steps: 3,
  width: 32,
  height: 32,
  seed: 7,
  output: { path: join(dir, name) },
  ...extra,
});

/** Runs a job and keeps its events. */
async function withEvents<T>(run: (onEvent: (e: EngineEvent) => void) => Promise<T>): Promise<{ result?: T; error?: EngineError; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  try {
    return { result: await run((e) => events.push(e)), events };
  } catch (error) {
    return { error: error as EngineError, events };
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('engine-api'));
  engine = createEngine({ backend: 'wasm' });
});
afterAll(async () => {
  await engine.close();
  await cleanup();
});

describe('the engine API (in process)', () => {
  it('generates through one event union: load and denoise progress, previews, then the result; the PNG carries its parameters', async () => {
    const { result, events } = await withEvents((onEvent) => engine.generate(request('one.png', { previewEvery: 1 }), { onEvent }));
    expect(result?.images).toHaveLength(1);
    expect(result?.seed).toBe(7);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('progress');
    expect(types.at(-1)).toBe('result');
    const denoise = events.filter((e) => e.type === 'progress' && e.phase === 'denoise');
    expect(denoise.map((e) => (e.type === 'progress' ? e.step : 0))).toEqual([1, 2, 3]);
    const previews = events.filter((e) => e.type === 'preview');
    expect(previews).toHaveLength(3);
    const preview = previews[0].type === 'preview' ? previews[0].images[0] : undefined;
    const downscale = (await engine.loadedModels({}))[0].vae.downscale; // previews are latent-sized
    expect(preview).toMatchObject({ width: 32 / downscale, height: 32 / downscale });
    expect(Buffer.from(preview?.pngBase64 ?? '', 'base64').subarray(1, 4).toString()).toBe('PNG');
    // Every event survives a JSON round trip (it crosses processes and WebSockets as is).
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
    const png = new Uint8Array(readFileSync(join(dir, 'one.png')));
    const info = readImageParameters(png);
    expect(info?.prompt).toBe('a striped cat');
    expect(result?.images[0].parameters).toContain('Seed: 7');
  });

  it('keeps the model loaded between jobs and unloads it on request', async () => {
    const loaded = await engine.loadedModels({});
    expect(loaded.map((m) => m.path)).toEqual([TINY_MODEL]);
    expect(loaded[0].unet.inChannels).toBe(4);
    const second = await withEvents((onEvent) => engine.generate(request('two.png'), { onEvent }));
    expect(second.result?.images).toHaveLength(1);
    expect((await engine.unloadModel({ path: TINY_MODEL })).unloaded).toBe(true);
    expect(await engine.loadedModels({})).toEqual([]);
  });

  it('runs jobs one at a time and tells a waiting job its place', async () => {
    const first = withEvents((onEvent) => engine.generate(request('q1.png'), { onEvent }));
    const second = withEvents((onEvent) => engine.generate(request('q2.png'), { onEvent }));
    const [a, b] = await Promise.all([first, second]);
    expect(a.events.some((e) => e.type === 'queued')).toBe(false);
    expect(b.events[0]).toEqual({ type: 'queued', position: 1 });
    expect(b.result?.images[0].path).toBe(join(dir, 'q2.png'));
  });

  it('cancels a running generation and a waiting one with the cancelled code', async () => {
    const controller = new AbortController();
    const waiting = new AbortController();
    const running = withEvents((onEvent) =>
      engine.generate(request('c.png', { steps: 20 }), {
        signal: controller.signal,
        onEvent: (e) => {
          onEvent(e);
          if (e.type === 'progress' && e.phase === 'denoise' && e.step === 2) controller.abort();
        },
      }),
    );
    const queued = withEvents((onEvent) => engine.generate(request('w.png'), { signal: waiting.signal, onEvent: (e) => (onEvent(e), e.type === 'queued' && waiting.abort()) }));
    const [r, q] = await Promise.all([running, queued]);
    expect(r.error?.code).toBe('cancelled');
    expect(r.events.at(-1)).toMatchObject({ type: 'error', error: { code: 'cancelled' } });
    expect(existsSync(join(dir, 'c.png'))).toBe(false);
    expect(q.error?.code).toBe('cancelled');
    expect(existsSync(join(dir, 'w.png'))).toBe(false);
  });

  it('gives every failure a code', async () => {
    const missing = await withEvents((onEvent) => engine.generate(request('m.png', { model: { path: join(dir, 'nowhere') } }), { onEvent }));
    expect(missing.error).toBeInstanceOf(EngineError);
    expect(missing.error?.code).toBe('not-found');
    expect(missing.events.at(-1)).toEqual({ type: 'error', error: { code: 'not-found', message: missing.error?.message } });
    expect((await withEvents(() => engine.generate(request('s.png', { width: 33 })))).error?.code).toBe('bad-input');
    expect((await withEvents(() => engine.generate(request('s.jpg')))).error?.code).toBe('bad-input');
    const loha = join(dir, 'loha.safetensors');
    const header = JSON.stringify({ 'lora_unet_x.hada_w1_a': { dtype: 'F32', shape: [1], data_offsets: [0, 4] } });
    const bytes = Buffer.alloc(8 + header.length + 4);
    bytes.writeBigUInt64LE(BigInt(header.length));
    bytes.write(header, 8);
    await writeFile(loha, bytes);
    expect((await withEvents(() => engine.inspectAdapter({ path: loha }))).error?.code).toBe('unsupported');
    const trace = await withEvents(() => engine.generate(request('t.png', { adapters: [{ path: kohyaFile, weight: 1 }], traceRouter: true })));
    expect(trace.error?.code).toBe('bad-input');
    expect(trace.error?.message).toMatch(/nothing to trace/);
  });

  it('inspects adapter files from their headers and exports a kohya copy', async () => {
    const info = await engine.inspectAdapter({ path: kohyaFile });
    expect(info).toMatchObject({ style: 'kohya', method: 'lora', dma: false, sta: false, k: 1 });
    expect(info.layers.unet).toBeGreaterThan(0);
    expect(info.layers.text_encoder).toBeGreaterThan(0);
    const out = join(dir, 'ours.safetensors');
    await engine.exportAdapter({ path: kohyaFile, format: 'styleinject', out, model: { path: TINY_MODEL } });
    const ours = await engine.inspectAdapter({ path: out });
    expect(ours).toMatchObject({ style: 'styleinject', method: 'lora', parameters: info.parameters });
    expect(ours.layers).toEqual(info.layers);
    const again = await withEvents(() => engine.exportAdapter({ path: kohyaFile, format: 'styleinject', out, model: { path: TINY_MODEL } }));
    expect(again.error?.code).toBe('bad-input');
  });

  it("counts the paper's Table IV from shapes alone, with the paper's StyleInject as the default adapter", async () => {
    const table = await engine.countParameters({ table4: true });
    expect(table.rows.map((r) => (r.total / 1e6).toFixed(2))).toEqual(['3.19', '12.75', '51.02', '3.34', '8.41', '28.70']);
    const defaults = await engine.countParameters({});
    expect(defaults.rows[0]).toMatchObject({ method: 'styleinject', rank: 32, k: 16, dma: true, sta: true, total: table.rows[5].total });
  });
});
