import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { saveAdapter } from '../../adapters/files';
import { saveRunState } from '../run-state';
import { disposeNamed } from '../optim';
import type { PreparedRun } from './run-setup';
import { shareableConfig } from './shareable-config';

/** What describes an adapter file of this run (kept in its metadata; no local paths: see shareableConfig). */
export function trainingMetadata(run: PreparedRun, step: number): Record<string, string> {
  return { training_step: String(step), training_config: JSON.stringify(shareableConfig(run.config)) };
}

/**
 * Saves the run at an optimizer-step boundary: the training checkpoint (adapter, AdamW moments,
 * step, data-stream and generator states: everything a resume needs) and a usable adapter file
 * of this step. Both writes are atomic; older checkpoints beyond keepLast are pruned only after
 * the new one is complete. Returns the checkpoint's name and the adapter file.
 */
export async function saveRunCheckpoint(run: PreparedRun, step: number, log: (line: string) => void): Promise<{ name: string; adapterPath: string }> {
  const adapterPath = run.layout.stepAdapter(step);
  await mkdir(dirname(adapterPath), { recursive: true });
  await saveAdapter(adapterPath, run.adapter, trainingMetadata(run, step));
  const optimizer = run.optimizer.getState();
  try {
    const name = await saveRunState(
      run.layout.checkpoints,
      {
        step,
        adapter: { ...run.variables },
        optimizer,
        optimizerHyper: run.optimizer.hyper,
        lrSchedule: run.lrSchedule,
        data: run.stream?.getState() ?? null,
        generators: Object.fromEntries(Object.entries(run.generators).map(([role, g]) => [role, g.getState()])),
        config: run.identity,
      },
      { keepLast: run.config.checkpoints.keepLast, log },
    );
    return { name, adapterPath };
  } finally {
    disposeNamed(optimizer.m);
    disposeNamed(optimizer.v);
  }
}
