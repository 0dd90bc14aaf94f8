import * as tf from '@tensorflow/tfjs';
import { exportKohya, saveAdapter } from '../../adapters/files';
import type { UNetForward } from '../objectives/objective';
import type { StableDiffusion } from '../../pipelines/stable-diffusion';
import { GradientAccumulator, learningRateAt } from '../optim';
import type { TrainingConfig } from './config';
import type { MemoryReport, TrainingEventListener } from './events';
import { kohyaTrainingFacts } from './kohya-facts';
import { builtInObjective, type ObjectiveFactory } from './objective-factory';
import { optimizerStep } from './optimizer-step';
import { saveRunCheckpoint, trainingMetadata } from './run-checkpoint';
import { prepareRun, type PreparedRun } from './run-setup';
import { writeSamples } from './samples';
import { Throughput } from './throughput';

export interface TrainOptions {
  onEvent?: TrainingEventListener;
  /** Aborting stops the run at the next step boundary, after writing a checkpoint of that step. */
  signal?: AbortSignal;
  /** Notes: skipped images, rebuilt cache files, checkpoints passed over ... */
  log?: (line: string) => void;
  /** The task's objective (default: fine-tune and DreamBooth; distillation brings its own). */
  objective?: ObjectiveFactory;
  /** The UNet forward the objective uses (default: as config.gradientCheckpointing says). */
  unetForward?: UNetForward;
  /** The base model already loaded as config.model says (the engine's model cache): borrowed, not loaded again. */
  model?: StableDiffusion;
}

export interface TrainingResult {
  status: 'finished' | 'cancelled';
  /** Optimizer steps completed. */
  step: number;
  /** The finished adapter (null when cancelled). */
  adapterPath: string | null;
  kohyaPath: string | null;
  /** The last checkpoint on disk. */
  checkpoint: string | null;
}

/**
 * Trains an adapter as `config` says (see config.ts), continuing the output folder's latest
 * checkpoint when there is one. Each step: a batch of cached latents, the objective's loss and
 * its gradients over the adapter's variables only, accumulation, clipping, AdamW at the
 * scheduled learning rate. Every N steps a checkpoint, an adapter file and sample images.
 * Resolves when finished or cancelled; a failure emits 'failed' and rejects (checkpoints
 * already written stay on disk and the run can be resumed from them).
 */
export async function train(config: TrainingConfig, options: TrainOptions = {}): Promise<TrainingResult> {
  const onEvent = options.onEvent ?? (() => undefined);
  const log = options.log ?? (() => undefined);
  const signal = options.signal;
  let run: PreparedRun;
  try {
    run = await prepareRun(config, { onEvent, log, signal, objective: options.objective ?? builtInObjective, unetForward: options.unetForward, model: options.model });
  } catch (error) {
    if (signal?.aborted) {
      onEvent({ type: 'cancelled', step: 0, checkpoint: null });
      return { status: 'cancelled', step: 0, adapterPath: null, kohyaPath: null, checkpoint: null };
    }
    onEvent({ type: 'failed', step: 0, reason: (error as Error).message });
    throw error;
  }

  let step = run.startStep;
  try {
    return await loop(run, onEvent, log, signal, (s) => (step = s));
  } catch (error) {
    onEvent({ type: 'failed', step, reason: (error as Error).message });
    throw error;
  } finally {
    run.dispose();
  }
}

async function loop(
  run: PreparedRun,
  onEvent: TrainingEventListener,
  log: (line: string) => void,
  signal: AbortSignal | undefined,
  onStep: (step: number) => void,
): Promise<TrainingResult> {
  const { config } = run;
  const accumulator = new GradientAccumulator();
  const throughput = new Throughput();
  let step = run.startStep;
  let lastCheckpoint = run.resumedFrom ? { step, name: run.resumedFrom } : null;
  const checkpoint = async () => {
    const saved = await saveRunCheckpoint(run, step, log);
    lastCheckpoint = { step, name: saved.name };
    onEvent({ type: 'checkpoint', step, name: saved.name, adapterPath: saved.adapterPath });
  };

  onEvent({
    type: 'started',
    startStep: step,
    totalSteps: config.maxSteps,
    ...(run.resumedFrom && { resumedFrom: run.resumedFrom }),
    trainableParameters: Object.values(run.variables).reduce((n, v) => n + v.size, 0),
    images: run.images,
  });
  throughput.mark();
  try {
    while (step < config.maxSteps) {
      if (signal?.aborted) {
        if (step > 0 && lastCheckpoint?.step !== step) await checkpoint();
        onEvent({ type: 'cancelled', step, checkpoint: lastCheckpoint?.name ?? null });
        return { status: 'cancelled', step, adapterPath: null, kohyaPath: null, checkpoint: lastCheckpoint?.name ?? null };
      }
      const lr = learningRateAt(run.lrSchedule, step);
      const result = await optimizerStep({
        source: run.source,
        objective: run.objective,
        ctx: run.ctx,
        variables: run.variables,
        optimizer: run.optimizer,
        accumulator,
        microBatches: config.gradientAccumulation,
        maxGradNorm: config.maxGradNorm,
        lr,
      });
      step += 1;
      onStep(step);
      throughput.mark();
      onEvent({
        type: 'step',
        step,
        totalSteps: config.maxSteps,
        ...result,
        lr,
        stepsPerSecond: throughput.stepsPerSecond,
        etaMs: throughput.etaMs(config.maxSteps - step),
        memory: memoryReport(),
      });
      if (step % config.checkpoints.every === 0 || step === config.maxSteps) await checkpoint();
      if (config.samples.every > 0 && step % config.samples.every === 0) {
        const paths = await writeSamples(run.sd, run.session, config.samples, config.resolution, step, run.layout);
        onEvent({ type: 'samples', step, paths });
      }
      // Let an abort request (a signal handler, the studio's message) in between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    accumulator.reset();
  }

  const metadata = trainingMetadata(run, step);
  await saveAdapter(run.layout.finalAdapter, run.adapter, metadata);
  const plainLora = config.adapter.method === 'lora' && !config.adapter.dma && !config.adapter.sta;
  if (plainLora) {
    const training = kohyaTrainingFacts(config, run.items, run.priorItems.length, run.sd.name, run.startedAt);
    await exportKohya(run.layout.kohyaAdapter, run.adapter, { outputName: config.adapter.name, training });
  }
  const kohyaPath = plainLora ? run.layout.kohyaAdapter : null;
  onEvent({ type: 'finished', step, adapterPath: run.layout.finalAdapter, ...(kohyaPath && { kohyaPath }) });
  return { status: 'finished', step, adapterPath: run.layout.finalAdapter, kohyaPath, checkpoint: lastCheckpoint?.name ?? null };
}

function memoryReport(): MemoryReport {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes, rssBytes: process.memoryUsage().rss };
}
