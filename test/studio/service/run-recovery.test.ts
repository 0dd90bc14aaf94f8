import { fork } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient, type EngineClient } from '../../../src-main/engine-host/engine-client';
import { forkEngine } from '../../../src-main/engine-host/fork-engine';
import { openStore } from '../../../src-main/storage';
import { createStudioService, type StudioService } from '../../../src-main/studio/service/studio-service';
import { tempFolder, TINY_MODEL, writeStripesDataset } from '../../engine/training/run/synthetic-dataset';
import { watchJobs } from '../../transport/studio-harness';
import { ipcClient } from '../../../src-renderer/src/api/studio-client';
import type { StudioBridge } from '../../../src-main/contract';
import { dispatch } from '../../../src-main/transport/rpc';

let dir: string;
let cleanup: () => Promise<void>;

/** The service as a window sees it (validated calls, events), without a transport in between. */
function open(dataDir: string): { service: StudioService; engine: EngineClient; client: ReturnType<typeof ipcClient> } {
  const engine = createEngineClient(forkEngine({ backend: 'wasm' }));
  const service = createStudioService({ store: openStore({ dataDir }), engine, mode: 'browser', version: 'test' });
  const bridge: StudioBridge = { call: (m, i) => dispatch(service.handlers, m, i), listen: (event, l) => service.subscribe((e, p) => (e as string) === event && l(p as never)), mediaUrl: (m) => m };
  return { service, engine, client: ipcClient(bridge) };
}

const settings = { adapter: { method: 'lora' as const, rank: 2 }, resolution: 16, maxSteps: 6, lr: 1e-3, checkpointEvery: 2 };

async function setUp(client: ReturnType<typeof ipcClient>): Promise<{ projectId: number; datasetId: number; modelId: number }> {
  const project = await client.call('projects.create', { name: 'recovery' });
  const model = await client.call('models.addPath', { path: TINY_MODEL });
  const dataset = await client.call('datasets.create', { projectId: project.id, name: 'stripes', minEdge: 8 });
  const jobs = watchJobs(client);
  const { jobId } = await client.call('datasets.importPaths', { datasetId: dataset.id, paths: [join(dir, 'images')] });
  await jobs.done(jobId);
  jobs.stop();
  return { projectId: project.id, datasetId: dataset.id, modelId: model.id };
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('run-recovery'));
  await writeStripesDataset(join(dir, 'images'), 3, 16);
});
afterAll(() => cleanup());

describe('a run survives its engine process, and the studio, dying', () => {
  it('the engine process killed mid-run: the run is failed with the reason, and resumes from its last checkpoint', async () => {
    const { service, engine, client } = open(join(dir, 'data-engine'));
    try {
      const ids = await setUp(client);
      const jobs = watchJobs(client);
      const run = await client.call('runs.start', { ...ids, name: 'killed', settings });
      const jobId = (await client.call('runs.get', { runId: run.id })).jobId ?? '';
      await new Promise<void>((resolve) => {
        const stop = client.listen('job', (p) => {
          if (p.jobId === jobId && p.event.type === 'checkpoint') {
            stop();
            process.kill(engine.pid as number, 'SIGKILL');
            resolve();
          }
        });
      });
      expect((await jobs.done(jobId)).error?.code).toBe('engine-stopped');
      const failed = await client.call('runs.get', { runId: run.id });
      expect(failed.run.status).toBe('failed');
      expect(failed.run.failureReason).toMatch(/killed \(SIGKILL\)/);
      expect(failed.checkpoints.length).toBeGreaterThan(0);
      const lastSaved = Math.max(...failed.checkpoints.map((c) => c.step));

      await client.call('runs.resume', { runId: run.id });
      const resumedJob = (await client.call('runs.get', { runId: run.id })).jobId ?? '';
      const outcome = await jobs.done(resumedJob);
      expect(outcome.error).toBeUndefined();
      expect(outcome.events.find((e) => e.type === 'progress' && e.phase === 'train')).toMatchObject({ step: lastSaved });
      const done = await client.call('runs.get', { runId: run.id });
      expect(done.run.status).toBe('completed');
      expect(done.metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
      jobs.stop();
    } finally {
      await service.close();
    }
  });

  it('the studio process killed mid-run: reopened, the database is whole, the run is marked interrupted, and resumes', async () => {
    const dataDir = join(dir, 'data-studio');
    {
      const { service, client } = open(dataDir);
      await setUp(client);
      await service.close();
    }
    // A separate studio process that starts a run and is killed with kill -9 after its first checkpoint.
    const child = fork(join(import.meta.dirname, 'run-in-child.ts'), [dataDir, JSON.stringify(settings)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    await new Promise<void>((resolve) => child.on('message', (m) => m === 'checkpoint' && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    const { service, client } = open(dataDir);
    try {
      const [run] = await client.call('runs.list', { projectId: 1 });
      expect(run.status).toBe('failed');
      expect(run.failureReason).toMatch(/studio stopped while this run trained/);
      const jobs = watchJobs(client);
      await client.call('runs.resume', { runId: run.id });
      const outcome = await jobs.done((await client.call('runs.get', { runId: run.id })).jobId ?? '');
      expect(outcome.error).toBeUndefined();
      expect((await client.call('runs.get', { runId: run.id })).run.status).toBe('completed');
      jobs.stop();
    } finally {
      await service.close();
    }
  });
});
