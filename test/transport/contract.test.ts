import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type GenerationJobResult, type ImportSummary, type MethodName, type StudioEvents } from '../../src-main/contract';
import { disposeAdapter } from '../../src-main/engine/adapters/adapter';
import { saveAdapter } from '../../src-main/engine/adapters/files';
import { createAdapter } from '../../src-main/engine/adapters/init';
import { adapterSettings } from '../../src-main/engine/adapters/settings';
import { initBackend } from '../../src-main/engine/backend';
import { loadModelFiles } from '../../src-main/engine/io/model-files';
import { goldenDir } from '../parity/golden';
import { startRangeServer } from '../studio/models/range-server';
import { serveSlowly } from '../studio/models/slow-file-server';
import { TINY_MODEL, writeStripesDataset } from '../engine/training/run/synthetic-dataset';
import { StudioCallError } from '../../src-renderer/src/api/studio-client';
import { openHarness, watchJobs, type StudioHarness, type TransportName } from './studio-harness';

const kohyaFile = join(goldenDir(), 'lora_kohya', 'lora.safetensors');
const singleFile = join(goldenDir(), 'models', 'sd15_tiny_single_file.safetensors');

/** A StyleInject adapter (K = 4, DMA + STA) for the tiny model, saved in our format. */
async function styleInjectFile(dir: string): Promise<string> {
  const loaded = await loadModelFiles(TINY_MODEL, { components: ['unet'] });
  const adapter = createAdapter({ unet: loaded.unet }, adapterSettings({ method: 'styleinject', rank: 2, k: 4 }), { seed: 3, name: 'style' });
  const path = join(dir, '..', `style-${Date.now()}.safetensors`);
  await saveAdapter(path, adapter);
  disposeAdapter(adapter);
  loaded.dispose();
  return path;
}

/** The call's error code (the test fails if the call succeeds). */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StudioCallError);
    return (error as StudioCallError).code;
  }
  throw new Error('expected the call to fail');
}

// One suite, run against both transports: every method of the contract, its events and its errors.
describe.each<TransportName>(['http', 'ipc'])('the studio contract over %s', (transport) => {
  let h: StudioHarness;
  let jobs: ReturnType<typeof watchJobs>;
  const called = new Set<MethodName>();
  const call: StudioHarness['client']['call'] = (method, input) => {
    called.add(method);
    return h.client.call(method, input);
  };
  const ids = { project: 0, model: 0, dataset: 0, adapter: 0, run: 0, generation: 0 };
  let source: string;

  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
    h = await openHarness(transport);
    jobs = watchJobs(h.client);
    source = join(h.dataDir, '..', `${transport}-source-${Date.now()}`);
    await writeStripesDataset(join(source, '2_stripes'), 3, 16);
    await writeFile(join(source, '2_stripes', 'broken.png'), Buffer.from('not a png at all'));
  });
  afterAll(async () => {
    jobs?.stop();
    await h?.close();
  });

  it('projects: create, list, rename, refuse a taken name, and delete only when confirmed', async () => {
    const changes: StudioEvents['changed'][] = [];
    const stop = h.client.listen('changed', (c) => changes.push(c));
    const project = await call('projects.create', { name: 'Ink style' });
    ids.project = project.id;
    expect((await call('projects.list', {})).map((p) => p.name)).toEqual(['Ink style']);
    expect((await call('projects.rename', { projectId: project.id, name: 'Ink' })).name).toBe('Ink');
    const other = await call('projects.create', { name: 'Other' });
    expect(await codeOf(call('projects.rename', { projectId: other.id, name: 'ink' }))).toBe('bad-input');
    // The schema is checked at the boundary: the message names the field.
    await expect(call('projects.delete', { projectId: other.id } as never)).rejects.toThrow(/confirm/);
    expect(await call('projects.delete', { projectId: other.id, confirm: true })).toEqual({ deleted: true });
    expect(await codeOf(call('projects.rename', { projectId: other.id, name: 'gone' }))).toBe('not-found');
    await new Promise((r) => setTimeout(r, 50));
    expect(changes.some((c) => c.what === 'projects')).toBe(true);
    // After unsubscribing, no more events arrive.
    stop();
    const before = changes.length;
    await call('projects.create', { name: 'Quiet' });
    await new Promise((r) => setTimeout(r, 50));
    expect(changes).toHaveLength(before);
  });

  it('models: inspect, add by path, add by URL (a job), pair no tokenizer, remove', async () => {
    const detected = await call('models.inspect', { path: TINY_MODEL });
    expect(detected).toMatchObject({ kind: 'checkpoint', format: 'diffusers' });
    const model = await call('models.addPath', { path: TINY_MODEL, name: 'tiny' });
    ids.model = model.id;
    expect(model).toMatchObject({ kind: 'checkpoint', storage: 'reference', absolutePath: TINY_MODEL });
    expect(await codeOf(call('models.addPath', { path: join(h.dataDir, 'nowhere.safetensors') }))).toBe('not-found');

    const server = await startRangeServer();
    server.files.set('/tiny.safetensors', { body: readFileSync(singleFile), etag: '"1"' });
    const { jobId } = await call('models.addUrl', { url: server.url('/tiny.safetensors'), name: 'downloaded' });
    const outcome = await jobs.done(jobId);
    expect(outcome.error).toBeUndefined();
    expect(outcome.events.some((e) => e.type === 'progress')).toBe(true);
    const downloaded = outcome.result as { id: number; storage: string };
    expect(downloaded.storage).toBe('download');
    expect((await call('models.setTokenizer', { modelId: downloaded.id, tokenizerId: null })).tokenizerId).toBeNull();
    expect(await call('models.remove', { modelId: downloaded.id })).toEqual({ removed: true });

    // A download stopped while it runs ends as cancelled (the partial file stays for a resume).
    const slow = await serveSlowly(readFileSync(singleFile), 500_000);
    try {
      const started = await call('models.addUrl', { url: slow.url, name: 'slow' });
      await new Promise<void>((resolve) => {
        const stop = h.client.listen('job', (p) => {
          if (p.jobId === started.jobId && p.event.type === 'progress') {
            stop();
            resolve();
          }
        });
      });
      expect(await call('jobs.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });
      expect((await jobs.done(started.jobId)).error?.code).toBe('cancelled');
    } finally {
      await slow.close();
    }
    expect((await call('models.list', {})).map((m) => m.name)).toEqual(['tiny']);
  });

  it('datasets: import a folder as a job (a broken file listed with its reason), upload bytes, captions, flags, tags, export', async () => {
    const dataset = await call('datasets.create', { projectId: ids.project, name: 'stripes', minEdge: 64 });
    ids.dataset = dataset.id;
    const { jobId } = await call('datasets.importPaths', { datasetId: dataset.id, paths: [source] });
    const imported = await jobs.done(jobId);
    const summary = imported.result as ImportSummary;
    expect(summary.imported).toBe(3);
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0].path).toMatch(/broken\.png$/);
    expect(summary.skipped[0].reason.length).toBeGreaterThan(10);
    const png = readFileSync(join(source, '2_stripes', 'img1.png'));
    const upload = await call('datasets.importUpload', { datasetId: dataset.id, fileName: 'dropped.png', dataBase64: png.toString('base64'), caption: 'dropped, stripes' });
    expect(upload.imported).toBe(1);

    const items = await call('datasets.items', { datasetId: dataset.id });
    expect(items).toHaveLength(4);
    expect(items.every((i) => i.flags.lowResolution)).toBe(true); // 16 px < 64
    expect(items.find((i) => i.caption === 'dropped, stripes')?.flags.duplicateOf).not.toBeNull();
    expect(items[0].repeats).toBe(2); // kohya 2_stripes
    const first = items[0];
    expect((await call('datasets.setCaption', { itemId: first.id, caption: 'red, stripes' })).tags).toEqual(['red', 'stripes']);
    expect((await call('datasets.editCaptions', { datasetId: dataset.id, edit: { kind: 'addTrigger', word: 'inkstyle' } })).changed).toBe(4);
    expect((await call('datasets.setExcluded', { itemIds: [items[3].id], excluded: true })).changed).toBe(1);
    expect((await call('datasets.setFocus', { itemId: first.id, focus: { x: 0.25, y: 0.5 } })).focus).toEqual({ x: 0.25, y: 0.5 });
    expect((await call('datasets.tags', { datasetId: dataset.id })).find((t) => t.tag === 'inkstyle')?.count).toBe(4);
    const view = (await call('datasets.list', { projectId: ids.project }))[0];
    expect(view).toMatchObject({ items: 4, excluded: 1 });
    expect((await call('datasets.update', { datasetId: dataset.id, minEdge: 8 })).flags.lowResolution).toBe(0);
    const out = join(h.dataDir, '..', `${transport}-kohya-${Date.now()}`);
    expect(await call('datasets.exportKohya', { datasetId: dataset.id, folder: out })).toMatchObject({ images: 3 });
    expect(await codeOf(call('datasets.items', { datasetId: 999 }))).toBe('not-found');
    if (transport === 'http') {
      const thumb = await fetch(h.client.mediaUrl(first.thumbnail));
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toBe('image/webp');
    }
    expect(await h.service.resolveMedia(first.original)).toMatch(/\.png$/);
    expect(await h.service.resolveMedia('file:../../etc/passwd')).toBeNull();
  });

  it('adapters: import a community LoRA, list it with its size', async () => {
    const adapter = await call('adapters.import', { projectId: ids.project, path: kohyaFile, name: 'kohya' });
    ids.adapter = adapter.id;
    expect(adapter).toMatchObject({ method: 'lora', name: 'kohya' });
    expect(adapter.parameters).toBeGreaterThan(0);
    expect((await call('adapters.list', { projectId: ids.project })).map((a) => a.name)).toEqual(['kohya']);
  });

  it('generations: a job with progress and previews, stored with its blend; parameters read back from the PNG; delete', async () => {
    const { jobId } = await call('generations.start', {
      projectId: ids.project,
      modelId: ids.model,
      prompt: 'a striped cat',
      steps: 3,
      width: 64,
      height: 64,
      seed: 11,
      adapters: [{ adapterId: ids.adapter, weight: 0.7 }],
    });
    const outcome = await jobs.done(jobId);
    expect(outcome.error).toBeUndefined();
    expect(outcome.events.filter((e) => e.type === 'preview').length).toBe(3);
    const { generation, parameters } = outcome.result as GenerationJobResult;
    ids.generation = generation.id;
    expect(generation).toMatchObject({ prompt: 'a striped cat', seed: 11, adapters: [{ adapterId: ids.adapter, weight: 0.7 }] });
    expect(parameters[0]).toContain('<lora:lora:0.7>');
    const listed = await call('generations.list', { projectId: ids.project });
    expect(listed.map((g) => g.id)).toEqual([generation.id]);
    const file = await h.service.resolveMedia(generation.media[0]);
    const read = await call('generations.readParameters', { pngBase64: readFileSync(file ?? '').toString('base64') });
    expect(read?.prompt).toBe('a striped cat <lora:lora:0.7>');
    expect(await call('generations.readParameters', { pngBase64: Buffer.from('nope').toString('base64') })).toBeNull();
    // An invalid size is refused at the boundary, naming the field.
    await expect(call('generations.start', { projectId: ids.project, modelId: ids.model, prompt: 'x', width: 33 })).rejects.toThrow(/width/);
    expect(await call('generations.delete', { generationId: generation.id })).toEqual({ deleted: true });
    expect(existsSync(file ?? '')).toBe(false);
  });

  it('runs: train with metrics, checkpoints and samples recorded; cancel; resume; use a checkpoint', async () => {
    const settings = { adapter: { method: 'lora' as const, rank: 2 }, resolution: 16, maxSteps: 2, lr: 1e-3, checkpointEvery: 1, sampleEvery: 2, samplePrompts: ['stripes'] };
    const run = await call('runs.start', { projectId: ids.project, datasetId: ids.dataset, modelId: ids.model, name: 'first', settings });
    ids.run = run.id;
    expect(run.status).toBe('running');
    const detail = await call('runs.get', { runId: run.id });
    const outcome = await jobs.done(detail.jobId ?? '');
    expect(outcome.error).toBeUndefined();
    expect(outcome.events.filter((e) => e.type === 'metrics')).toHaveLength(2);
    const done = await call('runs.get', { runId: run.id });
    expect(done.run.status).toBe('completed');
    expect(done.metrics.map((m) => m.step)).toEqual([1, 2]);
    expect(done.checkpoints.map((c) => c.step)).toEqual([1, 2]);
    expect(done.samples).toHaveLength(1);
    const adapter = await call('runs.useCheckpoint', { runId: run.id, step: 1 });
    expect(adapter).toMatchObject({ sourceRunId: run.id, sourceStep: 1, method: 'lora' });
    expect((await call('runs.get', { runId: run.id })).checkpoints[0].adapterId).toBe(adapter.id);

    const long = await call('runs.start', { projectId: ids.project, datasetId: ids.dataset, modelId: ids.model, name: 'long', settings: { ...settings, maxSteps: 50, sampleEvery: 0 } });
    const longJob = (await call('runs.get', { runId: long.id })).jobId ?? '';
    await new Promise<void>((resolve) => {
      const stop = h.client.listen('job', (p) => {
        if (p.jobId === longJob && p.event.type === 'checkpoint') {
          stop();
          resolve();
        }
      });
    });
    expect((await call('jobs.list', {})).map((j) => j.jobId)).toContain(longJob);
    await call('runs.cancel', { runId: long.id });
    expect((await jobs.done(longJob)).error?.code).toBe('cancelled');
    expect((await call('runs.get', { runId: long.id })).run.status).toBe('cancelled');
    const resumed = await call('runs.resume', { runId: long.id });
    const resumedJob = (await call('runs.get', { runId: resumed.id })).jobId ?? '';
    expect(await call('jobs.cancel', { jobId: resumedJob })).toEqual({ cancelled: true });
    expect((await jobs.done(resumedJob)).error?.code).toBe('cancelled');
    expect((await call('runs.list', { projectId: ids.project })).map((r) => r.name).sort()).toEqual(['first', 'long']);
    expect(await codeOf(call('runs.cancel', { runId: run.id }))).toBe('conflict');
  });

  it('router studies: a study job stores its images as generations with routes; embedding is a job; delete', async () => {
    const style = await call('adapters.import', { projectId: ids.project, path: await styleInjectFile(h.dataDir), name: 'style' });
    const themes = await call('router.themes', {});
    expect(themes.length).toBeGreaterThanOrEqual(5);
    const { jobId } = await call('router.startStudy', {
      projectId: ids.project,
      modelId: ids.model,
      adapterId: style.id,
      prompts: { source: 'builtin', themes: [themes[0].theme, themes[1].theme], perTheme: 1 },
      seeds: 2,
      steps: 2,
      width: 64,
      height: 64,
    });
    const outcome = await jobs.done(jobId);
    expect(outcome.error).toBeUndefined();
    const studyId = (outcome.result as { id: number }).id;
    expect((await call('router.studies', { projectId: ids.project })).map((s) => s.imageCount)).toEqual([4]);
    const study = await call('router.study', { studyId });
    expect(study.images.map((i) => i.theme)).toEqual([themes[0].theme, themes[0].theme, themes[1].theme, themes[1].theme]);
    expect(study.summary.usage[0]).toHaveLength(study.k);
    expect(study.layerLabels).toHaveLength(study.layers.length);
    expect(study.roles.map((r) => r.top)).toEqual(study.summary.usage.map((u) => u.indexOf(Math.max(...u))));
    expect(await h.service.resolveMedia(study.images[0].media)).toMatch(/\.png$/);
    const embedded = await jobs.done((await call('router.embed', { studyId, method: 'pca' })).jobId);
    const view = embedded.result as { points: unknown[]; sources: unknown[]; dominant: number[] };
    expect(view.points).toHaveLength(4 * 2);
    expect(view.dominant.every((d) => d >= 0 && d < study.k)).toBe(true);
    expect(await call('router.deleteStudy', { studyId, confirm: true })).toEqual({ deleted: true });
    expect(await codeOf(call('router.study', { studyId }))).toBe('not-found');
  });

  it('app: info and an online backup; adapters.remove; unknown methods are refused', async () => {
    const info = await call('app.info', {});
    expect(info).toMatchObject({ version: 'test', dataDir: h.dataDir, mode: 'browser' });
    expect(info.backend).toMatch(/^backend wasm/);
    const backup = await call('app.backup', { to: join(h.dataDir, '..', `${transport}-backup-${Date.now()}.sqlite`) });
    expect(existsSync(backup.path)).toBe(true);
    expect(await call('adapters.remove', { adapterId: ids.adapter })).toEqual({ removed: true });
    expect(await codeOf(h.client.call('nope.nothing' as MethodName, {} as never))).toBe('bad-input');
    await mkdir(join(h.dataDir, 'x'), { recursive: true });
    expect(await call('datasets.delete', { datasetId: ids.dataset, confirm: true })).toEqual({ deleted: true });
  });

  it('covered every method of the contract', () => {
    expect([...called].sort()).toEqual(Object.keys(methods).sort());
  });
});
