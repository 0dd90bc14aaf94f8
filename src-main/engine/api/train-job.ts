import { parseTrainingConfig, train, type TrainingEvent } from '../training/run';
import type { StableDiffusion } from '../pipelines/stable-diffusion';
import type { EngineEvent, EngineEventListener } from './events';
import type { ModelSpec, TrainRequest, TrainResult } from './types';

export interface TrainContext {
  /** The base model when the engine already holds it loaded (borrowed for the run), else null. */
  loadedModel: (spec: ModelSpec) => StableDiffusion | null;
  /** Frees models the run does not borrow: a run needs the memory. */
  freeOtherModels: (keep: ModelSpec) => void;
  emit: EngineEventListener<TrainResult>;
  signal?: AbortSignal;
}

/**
 * One training run (fine-tune, DreamBooth or distillation), resumed from the output folder's
 * latest checkpoint when there is one. The trainer's own events become engine events.
 */
export async function trainJob(request: TrainRequest, ctx: TrainContext): Promise<TrainResult> {
  const config = parseTrainingConfig(request.config, request.baseDir);
  ctx.freeOtherModels(config.model);
  const result = await train(config, {
    signal: ctx.signal,
    model: ctx.loadedModel(config.model) ?? undefined,
    log: (message) => ctx.emit({ type: 'log', level: 'info', message }),
    onEvent: (event) => {
      for (const e of engineEvents(event)) ctx.emit(e);
    },
  });
  return { ...result, totalSteps: config.maxSteps, output: config.output };
}

/** A trainer event as the engine's one event union (finished, cancelled and failed become the job's result or error). */
export function engineEvents(event: TrainingEvent): EngineEvent<TrainResult>[] {
  switch (event.type) {
    case 'status':
      return [{ type: 'progress', phase: 'prepare', step: event.done ?? 0, total: event.total ?? 0, message: event.message }];
    case 'started': {
      const what = event.resumedFrom ? `resuming ${event.resumedFrom} at step ${event.startStep}` : 'training';
      return [
        { type: 'log', level: 'info', message: `${what}: ${event.totalSteps} steps, ${event.images} images, ${event.trainableParameters.toLocaleString('en-US')} trainable parameters` },
        { type: 'progress', phase: 'train', step: event.startStep, total: event.totalSteps },
      ];
    }
    case 'step':
      // Metrics first: a progress display then shows this step's loss beside its bar.
      return [
        {
          type: 'metrics',
          step: event.step,
          total: event.totalSteps,
          loss: event.loss,
          terms: event.terms,
          lr: event.lr,
          gradNorm: event.gradNorm,
          stepsPerSecond: event.stepsPerSecond,
          memory: event.memory,
        },
        { type: 'progress', phase: 'train', step: event.step, total: event.totalSteps, etaMs: event.etaMs, elapsedMs: event.stepsPerSecond > 0 ? (event.step / event.stepsPerSecond) * 1000 : 0 },
      ];
    case 'warning':
      return [{ type: 'log', level: 'warn', message: event.message }];
    case 'samples':
      return [{ type: 'sample', step: event.step, paths: event.paths }];
    case 'checkpoint':
      return [{ type: 'checkpoint', step: event.step, name: event.name, adapterPath: event.adapterPath }];
    case 'cancelled':
      return [{ type: 'log', level: 'info', message: `cancelled at step ${event.step}${event.checkpoint ? `; the run resumes from ${event.checkpoint}` : ''}` }];
    case 'finished':
    case 'failed':
      return [];
  }
}
