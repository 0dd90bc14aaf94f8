import { describe, expect, it } from 'vitest';
import { createProject } from '../../src-main/storage';
import { scratchFolder, scratchStore } from './scratch';

const store = scratchStore(scratchFolder('runs-repo'), 'data');
const project = await createProject(store, { name: 'Ink' });

describe('training runs', () => {
  it('records a run from start to failure and resume: metrics upserted per step, checkpoints, samples', () => {
    const run = store.runs.create({ projectId: project.id, name: 'ink v1', configVersion: 1, config: { maxSteps: 4, lr: 1e-4 }, output: 'projects/ink/runs/1', totalSteps: 4 });
    expect(run.status).toBe('queued');
    expect(store.runs.markRunning(run.id).startedAt).not.toBeNull();
    for (const step of [1, 2, 3]) store.runs.recordMetric(run.id, { step, loss: 1 / step, lr: 1e-4, gradNorm: 0.5, terms: { mse: 1 / step } });
    store.runs.addCheckpoint(run.id, { step: 2, file: 'projects/ink/runs/1/checkpoints/step-2', adapterFile: 'projects/ink/runs/1/adapters/step-2.safetensors' });
    store.runs.addSamples(run.id, 2, ['projects/ink/runs/1/samples/2-0.png', 'projects/ink/runs/1/samples/2-1.png']);
    const failed = store.runs.markFailed(run.id, 'the engine process exited (signal SIGKILL)');
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'the engine process exited (signal SIGKILL)' });
    // Resumed from the step-2 checkpoint: step 3 runs again and its new numbers replace the old.
    store.runs.markRunning(run.id);
    store.runs.recordMetric(run.id, { step: 3, loss: 0.2, lr: 1e-4 });
    store.runs.recordMetric(run.id, { step: 4, loss: 0.1, lr: 1e-4 });
    expect(store.runs.markEnded(run.id, 'completed')).toMatchObject({ status: 'completed', failureReason: null });
    expect(store.runs.metrics(run.id).map((m) => [m.step, m.loss])).toEqual([[1, 1], [2, 0.5], [3, 0.2], [4, 0.1]]);
    expect(store.runs.metrics(run.id, 4)).toHaveLength(1);
    expect(store.runs.checkpoints(run.id).map((c) => c.step)).toEqual([2]);
    expect(store.runs.samples(run.id).map((s) => s.position)).toEqual([0, 1]);
    expect(store.runs.get(run.id).config).toEqual({ maxSteps: 4, lr: 1e-4 });
    expect(() => store.runs.markRunning(run.id)).toThrow(/has completed; start a new run/);
  });

  it('validates runs and metrics by field', () => {
    expect(() => store.runs.create({ projectId: project.id, name: 'x', configVersion: 0, config: {}, output: 'o' })).toThrow(/'configVersion'/);
    expect(() => store.runs.recordMetric(1, { step: -1, loss: 1, lr: 1 })).toThrow(/metric: 'step'/);
  });
});

describe('adapters and generations', () => {
  it('stores a generation with its blend and batch images; deleting an adapter keeps the history readable', () => {
    const run = store.runs.create({ projectId: project.id, name: 'r', configVersion: 1, config: {}, output: 'o' });
    const adapter = store.adapters.create({ projectId: project.id, name: 'ink', file: 'projects/ink/adapters/ink.safetensors', method: 'styleinject', settings: { rank: 32, k: 16 }, sourceRunId: run.id, sourceStep: 400 });
    expect(store.adapters.fromRun(run.id).map((a) => a.name)).toEqual(['ink']);
    const generation = store.generations.create({
      projectId: project.id,
      prompt: 'a fox',
      settings: { sampler: 'euler_a', steps: 20, cfg: 7.5, width: 512, height: 512 },
      seed: 42,
      adapters: [{ adapterId: adapter.id, name: 'ink', weight: 0.8, options: { blocks: { input: 1, middle: 0.5, output: 1 } } }],
      images: [
        { file: 'projects/ink/generations/1-0.png', seed: 42 },
        { file: 'projects/ink/generations/1-1.png', seed: 43 },
      ],
    });
    expect(generation.images.map((i) => [i.index, i.seed])).toEqual([[0, 42], [1, 43]]);
    store.adapters.delete(adapter.id);
    expect(store.generations.get(generation.id).adapters).toEqual([{ adapterId: null, modelId: null, name: 'ink', weight: 0.8, options: { blocks: { input: 1, middle: 0.5, output: 1 } } }]);
    expect(store.generations.list(project.id)[0].id).toBe(generation.id);
  });

  it('refuses a blend entry naming both an adapter and a library LoRA, and a generation without images', () => {
    const base = { projectId: project.id, prompt: 'x', settings: {}, seed: 1 };
    expect(() => store.generations.create({ ...base, images: [{ file: 'a.png', seed: 1 }], adapters: [{ adapterId: 1, modelId: 1, name: 'x', weight: 1 }] })).toThrow(
      /generation: 'adapters.0.modelId': give adapterId or modelId, not both/,
    );
    expect(() => store.generations.create({ ...base, images: [] })).toThrow(/'images': must list at least one image/);
  });
});
