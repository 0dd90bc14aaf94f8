import type { GeneratorState } from '../../random';
import type { BatchStreamState } from '../data/batch-stream';
import type { AdamWHyperparameters, AdamWState } from '../optim/adamw';
import type { LrSchedule } from '../optim/lr-schedule';
import type { NamedTensors } from '../optim/named-tensors';

/** Everything needed to continue a training run exactly where it stopped. */
export interface TrainingState {
  /** Optimizer steps completed (the learning-rate schedule's position). */
  step: number;
  /** Trainable adapter tensors by name. */
  adapter: NamedTensors;
  optimizer: AdamWState;
  optimizerHyper: AdamWHyperparameters;
  lrSchedule: LrSchedule;
  /** Data order and augmentation position (epoch, batch index, generator states); null for a run without images. */
  data: BatchStreamState | null;
  /** Other generators of the loop (noise, timesteps, ...) by role. */
  generators: Record<string, GeneratorState>;
  /** The run's settings, as the studio chose them (any JSON). */
  config: unknown;
}

/** The sidecar JSON: the state's non-tensor part plus what proves the tensor file is the one written. */
export interface RunStateSidecar {
  format: 'styleinject-training-checkpoint';
  version: 1;
  name: string;
  savedAt: string;
  step: number;
  optimizerStep: number;
  optimizerHyper: AdamWHyperparameters;
  lrSchedule: LrSchedule;
  data: BatchStreamState | null;
  generators: Record<string, GeneratorState>;
  config: unknown;
  tensors: { file: string; bytes: number; sha256: string };
}

/** Tensor names inside the checkpoint's safetensors file. */
export const TENSOR_PREFIX = { adapter: 'adapter/', m: 'optimizer.m/', v: 'optimizer.v/' } as const;
