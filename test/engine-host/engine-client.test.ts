import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineError, EngineEvent, GenerateRequest, TrainRequest } from '../../src-main/engine';
import { createEngineClient, type EngineClient } from '../../src-main/engine-host/engine-client';
import { forkEngine } from '../../src-main/engine-host/fork-engine';
import { tempFolder, TINY_MODEL, writeStripesDataset } from '../engine/training/run/synthetic-dataset';

let dir: string;
let cleanup: () => Promise<void>;
let client: EngineClient;

const generation = (name: string, steps = 3): GenerateRequest => ({
  model: { path: TINY_MODEL },
  prompt: 'orange stripes',
  steps,
  width: 32,
  height: 32,
  seed: 3,
  output: { path: join(dir, name) },
});

const training = (output: string, maxSteps: number): TrainRequest => ({
  config: {
    model: { path: TINY_MODEL },
    dataset: join(dir, 'data'),
    output: join(dir, output),
    adapter: { method: 'styleinject', rank: 2, k: 2 },
    resolution: 16,
    maxSteps,
    lr: 1e-3,
    checkpoints: { every: 2, keepLast: 2 },
  },
});

/** Runs a job through the client and keeps its events. */
async function run<T>(job: (onEvent: (e: EngineEvent) => void) => Promise<T>): Promise<{ result?: T; error?: EngineError; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  try {
    return { result: await job((e) => events.push(e)), events };
  } catch (error) {
    return { error: error as EngineError, events };
  }
}

/** kill -9 the engine process once `when` sees the event it waits for. */
function killWhen(when: (e: EngineEvent) => boolean): (e: EngineEvent) => void {
  let done = false;
  return (e) => {
    if (done || !when(e)) return;
    done = true;
    process.kill(client.pid as number, 'SIGKILL');
  };
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('engine-client'));
  await writeStripesDataset(join(dir, 'data'), 3, 16);
  client = createEngineClient(forkEngine({ backend: 'wasm' }));
});
afterAll(async () => {
  await client.close();
  await cleanup();
});

describe('the engine in its own process', () => {
  it('generates and trains through the client, keeping this process free', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const image = await run((onEvent) => client.generate(generation('a.png'), { onEvent }));
    clearInterval(timer);
    expect(image.result?.images[0].path).toBe(join(dir, 'a.png'));
    expect(existsSync(join(dir, 'a.png'))).toBe(true);
    expect(image.events.at(-1)?.type).toBe('result');
    expect(ticks).toBeGreaterThan(5); // our event loop kept running while the engine worked
    const pid = client.pid;
    const trained = await run((onEvent) => client.train(training('run', 2), { onEvent }));
    expect(trained.result).toMatchObject({ status: 'finished', step: 2 });
    expect(existsSync(trained.result?.adapterPath ?? '')).toBe(true);
    expect(trained.events.filter((e) => e.type === 'metrics')).toHaveLength(2);
    expect(trained.events.some((e) => e.type === 'checkpoint')).toBe(true);
    expect(client.pid).toBe(pid); // one process for both jobs
  });

  it('cancels a job in the engine process', async () => {
    const controller = new AbortController();
    const job = await run((onEvent) =>
      client.generate(generation('cancelled.png', 30), {
        signal: controller.signal,
        onEvent: (e) => (onEvent(e), e.type === 'progress' && e.phase === 'denoise' && e.step === 1 && controller.abort()),
      }),
    );
    expect(job.error?.code).toBe('cancelled');
    expect(existsSync(join(dir, 'cancelled.png'))).toBe(false);
  });

  it('survives kill -9 during a generation: the job ends with engine-stopped, the next job starts a fresh process', async () => {
    const before = client.pid;
    const killed = await run((onEvent) => client.generate(generation('killed.png', 30), { onEvent: (e) => (onEvent(e), killWhen((x) => x.type === 'progress' && x.phase === 'denoise')(e)) }));
    expect(killed.error?.code).toBe('engine-stopped');
    expect(killed.error?.message).toMatch(/killed \(SIGKILL\)/);
    expect(killed.events.at(-1)).toMatchObject({ type: 'error', error: { code: 'engine-stopped' } });
    expect(existsSync(join(dir, 'killed.png'))).toBe(false);
    const next = await run((onEvent) => client.generate(generation('after.png'), { onEvent }));
    expect(next.result?.images).toHaveLength(1);
    expect(client.pid).not.toBe(before);
  });

  it('survives kill -9 during training, and the same request resumes from the last checkpoint', async () => {
    const kill = killWhen((e) => e.type === 'checkpoint' && e.step === 2);
    const killed = await run((onEvent) => client.train(training('resumed', 4), { onEvent: (e) => (onEvent(e), kill(e)) }));
    expect(killed.error?.code).toBe('engine-stopped');
    const resumed = await run((onEvent) => client.train(training('resumed', 4), { onEvent }));
    expect(resumed.result).toMatchObject({ status: 'finished', step: 4 });
    const first = resumed.events.find((e) => e.type === 'progress' && e.phase === 'train');
    expect(first).toMatchObject({ step: 2, total: 4 });
    expect(resumed.events.some((e) => e.type === 'log' && /resuming .* at step 2/.test(e.message))).toBe(true);
  });
});
