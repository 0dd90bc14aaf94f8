import { isObject } from './config-fields';
import { RESUMABLE_CHANGES, type TrainingConfig } from './config';

/** What a checkpoint records about the run that wrote it (TrainingState.config). */
export interface RunIdentity {
  run: TrainingConfig;
  /** The base model's weights hash (A1111's short hash). */
  modelHash: string;
}

/**
 * Why a checkpoint cannot continue this run: settings that change what the steps compute
 * (data, adapter, optimizer, seeds ...) or another base model. Output-side settings (samples,
 * checkpoint cadence) and maxSteps with a constant schedule may change. Empty when it fits.
 */
export function resumeMismatches(saved: unknown, current: RunIdentity): string[] {
  if (!isObject(saved) || !isObject(saved.run)) return ['the checkpoint does not record its run settings'];
  const problems: string[] = [];
  if (saved.modelHash !== current.modelHash) problems.push(`base model: the checkpoint was trained on weights ${String(saved.modelHash)}, this model is ${current.modelHash}`);
  const before = saved.run as Record<string, unknown>;
  const now = current.run as unknown as Record<string, unknown>;
  const mayChange = new Set(RESUMABLE_CHANGES);
  if (current.run.schedule === 'cosine') mayChange.delete('maxSteps'); // the cosine curve spans maxSteps
  for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
    if (mayChange.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(now[key])) problems.push(`${key}: was ${JSON.stringify(before[key])}, now ${JSON.stringify(now[key])}`);
  }
  return problems;
}
