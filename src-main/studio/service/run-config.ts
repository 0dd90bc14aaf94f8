import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MethodArgs } from '../../contract';
import { fromStoredPath, type Store } from '../../storage';
import { datasetForTraining } from '../datasets';

type StartArgs = MethodArgs<'runs.start'>;

/** The version of the run.json form the studio writes (stored with every run). */
export const RUN_CONFIG_VERSION = 1;

/** A model's file and, for a single file, its paired tokenizer, as absolute paths. */
export function modelPaths(store: Store, modelId: number): { path: string; tokenizer?: string } {
  const model = store.models.get(modelId);
  if (model.kind !== 'checkpoint') throw Object.assign(new Error(`model ${model.name} is a ${model.kind}, not a base checkpoint`), { code: 'bad-input' });
  const tokenizer = model.tokenizerId === null ? undefined : fromStoredPath(store.dataDir, store.models.get(model.tokenizerId).path);
  return { path: fromStoredPath(store.dataDir, model.path), ...(tokenizer && { tokenizer }) };
}

/**
 * The engine's run config (run.json's form) for a run started from the Train page: the
 * dataset's included items as they are now (a resume reads this same list), the base model,
 * and the page's settings. Paired distillation prompts are written into the run folder.
 */
export async function runConfig(store: Store, args: StartArgs, output: string): Promise<Record<string, unknown>> {
  const s = args.settings;
  const promptsOnly = s.task === 'distill' && s.distill?.promptsOnly === true;
  if (!promptsOnly && args.datasetId === undefined) throw Object.assign(new Error('choose a dataset to train on'), { code: 'bad-input' });
  let pairedPrompts: string | undefined;
  if (s.distill?.pairedPrompts) {
    pairedPrompts = join(output, 'prompts.txt');
    await writeFile(pairedPrompts, s.distill.pairedPrompts);
  }
  return {
    model: modelPaths(store, args.modelId),
    ...(!promptsOnly && args.datasetId !== undefined && { dataset: datasetForTraining(store, args.datasetId) }),
    task: s.task,
    adapter: { ...s.adapter, name: 'adapter' },
    resolution: s.resolution,
    batchSize: s.batchSize,
    gradientAccumulation: s.gradientAccumulation,
    maxSteps: s.maxSteps,
    lr: s.lr,
    schedule: s.schedule,
    warmupSteps: s.warmupSteps,
    seed: s.seed,
    augment: { triggerWord: s.triggerWord, captionDropout: s.captionDropout, flip: s.flip },
    checkpoints: { every: Math.min(s.checkpointEvery, s.maxSteps) },
    samples: { every: s.samplePrompts.length > 0 ? s.sampleEvery : 0, prompts: s.samplePrompts, steps: 20 },
    ...(s.task === 'dreambooth' && s.dreambooth && { dreambooth: { ...s.dreambooth, classFolder: join(output, 'class-images') } }),
    ...(s.task === 'distill' &&
      s.distill && {
        distill: { teacher: modelPaths(store, s.distill.teacherModelId).path, promptsOnly, ...(pairedPrompts && { pairedPrompts }) },
      }),
    output,
  };
}
