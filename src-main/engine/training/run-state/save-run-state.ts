import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TensorToWrite } from '../../io/safetensors';
import type { NamedTensors } from '../optim/named-tensors';
import { runStateName, runStatePaths, LATEST_FILE } from './run-state-files';
import { fileSystemWriter, type RunStateWriter } from './run-state-io';
import { RunStateSaveError, describeError, errnoCode, type SaveStage } from './errors';
import { pruneRunStates } from './prune-run-states';
import { TENSOR_PREFIX, type RunStateSidecar, type TrainingState } from './training-state';

export interface SaveRunStateOptions {
  /** Keep only this many newest finished checkpoints (default: keep all). */
  keepLast?: number;
  /** Checked between the writes: an aborted save leaves the previous checkpoint as latest. */
  signal?: AbortSignal;
  /** The writes themselves (default: the file system, atomically). */
  writer?: RunStateWriter;
  log?: (line: string) => void;
}

/**
 * Saves a training state as one checkpoint: tensors first, then the sidecar JSON (which names
 * the tensor file's size and sha256), then the `latest` pointer, each write atomic. A kill or
 * failure at any moment leaves the previous checkpoint complete and `latest`; a failed save
 * removes what it wrote and throws RunStateSaveError (a clear one for a full disk).
 * Returns the new checkpoint's name.
 */
export async function saveRunState(dir: string, state: TrainingState, options: SaveRunStateOptions = {}): Promise<string> {
  const writer = options.writer ?? fileSystemWriter;
  const keepLast = options.keepLast ?? Infinity;
  if (!(keepLast >= 1)) throw new Error(`saveRunState: keepLast must be >= 1, got ${keepLast}`);
  const config = JSON.stringify(state.config ?? null); // fails early (before any write) on non-JSON config
  await mkdir(dir, { recursive: true });
  const name = runStateName(state.step);
  const paths = runStatePaths(dir, name);
  const tensors = await tensorsToWrite(state);

  let stage: SaveStage = 'tensors';
  try {
    options.signal?.throwIfAborted();
    await writer.writeTensors(paths.tensors, tensors, { format: 'styleinject-training-checkpoint', step: String(state.step) });
    const written = await readFile(paths.tensors);

    stage = 'sidecar';
    options.signal?.throwIfAborted();
    const sidecar: RunStateSidecar = {
      format: 'styleinject-training-checkpoint',
      version: 1,
      name,
      savedAt: new Date().toISOString(),
      step: state.step,
      optimizerStep: state.optimizer.step,
      optimizerHyper: state.optimizerHyper,
      lrSchedule: state.lrSchedule,
      data: state.data,
      generators: state.generators,
      config: JSON.parse(config),
      tensors: { file: `${name}.safetensors`, bytes: written.byteLength, sha256: createHash('sha256').update(written).digest('hex') },
    };
    await writer.writeFile(paths.sidecar, new TextEncoder().encode(`${JSON.stringify(sidecar, null, 2)}\n`));

    stage = 'latest';
    options.signal?.throwIfAborted();
    await writer.writeFile(join(dir, LATEST_FILE), new TextEncoder().encode(`${name}\n`));
  } catch (error) {
    // Half a checkpoint is useless and takes space that may be exactly what ran out.
    await rm(paths.sidecar, { force: true }).catch(() => undefined);
    await rm(paths.tensors, { force: true }).catch(() => undefined);
    throw saveError(stage, state.step, error);
  }
  if (Number.isFinite(keepLast)) await pruneRunStates(dir, keepLast, { keep: name, log: options.log });
  return name;
}

async function tensorsToWrite(state: TrainingState): Promise<Map<string, TensorToWrite>> {
  const out = new Map<string, TensorToWrite>();
  const add = async (prefix: string, named: NamedTensors) => {
    for (const [key, tensor] of Object.entries(named)) {
      out.set(`${prefix}${key}`, { data: Float32Array.from(await tensor.data()), shape: [...tensor.shape] });
    }
  };
  await add(TENSOR_PREFIX.adapter, state.adapter);
  await add(TENSOR_PREFIX.m, state.optimizer.m);
  await add(TENSOR_PREFIX.v, state.optimizer.v);
  return out;
}

function saveError(stage: SaveStage, step: number, error: unknown): RunStateSaveError {
  const code = errnoCode(error);
  const kept = 'the previous checkpoint is kept and still latest';
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new RunStateSaveError(stage, `disk full: could not save the checkpoint for step ${step} (${stage}); ${kept}. Free some space and save again.`, { cause: error });
  }
  if ((error as { name?: string }).name === 'AbortError') {
    return new RunStateSaveError(stage, `checkpoint save for step ${step} was cancelled before the ${stage} write; ${kept}`, { cause: error });
  }
  return new RunStateSaveError(stage, `could not save the checkpoint for step ${step} (${stage}: ${describeError(error)}); ${kept}`, { cause: error });
}
