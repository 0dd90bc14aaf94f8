import type { EngineErrorData } from '../errors';

/**
 * What every long engine job reports, one union for generation, training and the rest. Plain
 * JSON data (numbers, strings, arrays): it crosses process boundaries and WebSockets as is.
 */

/** Where a job is: what the progress numbers count. */
export type JobPhase = 'load' | 'prepare' | 'denoise' | 'decode' | 'train' | 'save' | 'embed';

export interface MemoryFigures {
  /** Live tensors and their bytes (tf.memory()). */
  numTensors: number;
  numBytes: number;
  /** The engine process's resident set size. */
  rssBytes: number;
}

/** A small image inside an event: PNG bytes as base64 (previews are a few kilobytes). */
export interface InlineImage {
  width: number;
  height: number;
  pngBase64: string;
}

/** Which of a job's items a progress step belongs to, and that item's own step. */
export interface ProgressItem {
  /** 0-based. */
  index: number;
  count: number;
  step: number;
  steps: number;
  /** E.g. the prompt. */
  label?: string;
}

export type EngineEvent<R = unknown> =
  /** Waiting behind other jobs: `position` jobs run or wait before this one (1 = next). */
  | { type: 'queued'; position: number }
  /**
   * `step` of `total` done in this phase; ETA from the mean step time so far. A job over many
   * items (a router study's images) counts steps over all of them and says which item is running.
   */
  | { type: 'progress'; phase: JobPhase; step: number; total: number; etaMs?: number; elapsedMs?: number; message?: string; item?: ProgressItem }
  /** A rough look at the image while it denoises (latents mapped linearly to RGB). */
  | { type: 'preview'; step: number; total: number; images: InlineImage[] }
  /** One training step's figures. */
  | {
      type: 'metrics';
      step: number;
      total: number;
      loss: number;
      /** The objective's named terms (mse, prior, out_kd ...). */
      terms: Record<string, number>;
      lr: number;
      gradNorm: number;
      stepsPerSecond: number;
      memory: MemoryFigures;
    }
  /** Sample images written for a training step (fixed prompts and seeds). */
  | { type: 'sample'; step: number; paths: string[] }
  /** A training checkpoint: the run can resume from it, and its adapter file is usable as is. */
  | { type: 'checkpoint'; step: number; name: string; adapterPath: string }
  | { type: 'log'; level: 'info' | 'warn'; message: string }
  | { type: 'result'; result: R }
  | { type: 'error'; error: EngineErrorData };

export type EngineEventListener<R = unknown> = (event: EngineEvent<R>) => void;

/** How a caller follows and stops a job: the same two things for every engine method. */
export interface JobOptions<R = unknown> {
  /** Aborting cancels the job: a queued job never starts, a running one stops at its next step. */
  signal?: AbortSignal;
  onEvent?: EngineEventListener<R>;
}
