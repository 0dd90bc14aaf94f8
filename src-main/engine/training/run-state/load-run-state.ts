import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SafetensorsReader } from '../../io/safetensors';
import type { NamedTensors } from '../optim/named-tensors';
import { runStatePaths, isRunStateName, LATEST_FILE } from './run-state-files';
import { describeError } from './errors';
import { listRunStates } from './list-run-states';
import { TENSOR_PREFIX, type RunStateSidecar, type TrainingState } from './training-state';

/** A loaded state; its tensors belong to the caller (disposeTrainingState frees them). */
export interface LoadedRunState {
  name: string;
  savedAt: string;
  state: TrainingState;
}

/**
 * Loads one checkpoint, verifying that its sidecar is ours and that the tensor file is exactly
 * the one the sidecar describes (size and sha256), so a torn or swapped file is never used.
 */
export async function loadRunState(dir: string, name: string): Promise<LoadedRunState> {
  if (!isRunStateName(name)) throw new Error(`'${name}' is not a checkpoint name`);
  const paths = runStatePaths(dir, name);
  const sidecar = parseSidecar(await readFile(paths.sidecar, 'utf8'), name);
  const bytes = await readFile(paths.tensors);
  if (bytes.byteLength !== sidecar.tensors.bytes) throw new Error(`tensor file is ${bytes.byteLength} bytes, the sidecar says ${sidecar.tensors.bytes}`);
  if (createHash('sha256').update(bytes).digest('hex') !== sidecar.tensors.sha256) throw new Error('tensor file does not match the sha256 in the sidecar');

  const groups: Record<keyof typeof TENSOR_PREFIX, NamedTensors> = { adapter: {}, m: {}, v: {} };
  const reader = await SafetensorsReader.open(paths.tensors);
  try {
    for (const key of reader.keys()) {
      const group = (Object.keys(TENSOR_PREFIX) as (keyof typeof TENSOR_PREFIX)[]).find((g) => key.startsWith(TENSOR_PREFIX[g]));
      if (!group) throw new Error(`unexpected tensor '${key}'`);
      groups[group][key.slice(TENSOR_PREFIX[group].length)] = await reader.readTensor(key);
    }
  } catch (error) {
    tf.dispose([...Object.values(groups.adapter), ...Object.values(groups.m), ...Object.values(groups.v)]);
    throw error;
  } finally {
    await reader.close();
  }
  return {
    name,
    savedAt: sidecar.savedAt,
    state: {
      step: sidecar.step,
      adapter: groups.adapter,
      optimizer: { step: sidecar.optimizerStep, m: groups.m, v: groups.v },
      optimizerHyper: sidecar.optimizerHyper,
      lrSchedule: sidecar.lrSchedule,
      data: sidecar.data,
      generators: sidecar.generators,
      config: sidecar.config,
    },
  };
}

/**
 * The checkpoint `latest` names or, if that one is missing or broken, the newest finished one
 * that loads; each one passed over is logged with the reason. null when none is usable.
 */
export async function loadLatestRunState(dir: string, options: { log?: (line: string) => void } = {}): Promise<LoadedRunState | null> {
  const log = options.log ?? (() => undefined);
  const candidates: string[] = [];
  try {
    candidates.push((await readFile(join(dir, LATEST_FILE), 'utf8')).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`checkpoints: cannot read '${LATEST_FILE}' (${describeError(error)}); looking for the newest checkpoint`);
  }
  for (const entry of (await listRunStates(dir)).reverse()) {
    if (!candidates.includes(entry.name)) candidates.push(entry.name);
  }
  for (const name of candidates) {
    try {
      return await loadRunState(dir, name);
    } catch (error) {
      log(`checkpoints: skipping ${name}: ${describeError(error)}`);
    }
  }
  return null;
}

/** Frees the tensors of a loaded state. */
export function disposeTrainingState(state: TrainingState): void {
  tf.dispose([...Object.values(state.adapter), ...Object.values(state.optimizer.m), ...Object.values(state.optimizer.v)]);
}

function parseSidecar(text: string, name: string): RunStateSidecar {
  let sidecar: RunStateSidecar;
  try {
    sidecar = JSON.parse(text) as RunStateSidecar;
  } catch (error) {
    throw new Error(`sidecar is not valid JSON (${describeError(error)})`);
  }
  if (sidecar?.format !== 'styleinject-training-checkpoint') throw new Error('sidecar is not a StyleInject training checkpoint');
  if (sidecar.version !== 1) throw new Error(`sidecar version ${String(sidecar.version)} is not supported (this build reads version 1)`);
  if (sidecar.name !== name) throw new Error(`sidecar belongs to '${String(sidecar.name)}'`);
  const missing = (['step', 'optimizerStep', 'optimizerHyper', 'lrSchedule', 'data', 'generators', 'tensors'] as const).filter((k) => sidecar[k] === undefined);
  if (missing.length > 0) throw new Error(`sidecar lacks ${missing.join(', ')}`);
  return sidecar;
}
