import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError, StorageError } from '../errors';
import { parseInput } from '../input';
import { idField, jsonRecord, nameField } from './fields';
import { fromRow, jsonObject } from './row-mapping';

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface TrainingRun {
  id: number;
  projectId: number;
  name: string;
  datasetId: number | null;
  baseModelId: number | null;
  /** The config format's version, so an old run's JSON is read by the right parser. */
  configVersion: number;
  config: Record<string, unknown>;
  /** The run's output folder (stored path). */
  output: string;
  status: RunStatus;
  totalSteps: number | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  failureReason: string | null;
}

export interface RunMetric {
  step: number;
  loss: number;
  lr: number;
  gradNorm: number | null;
  terms: Record<string, number>;
}

export interface RunCheckpoint {
  id: number;
  step: number;
  file: string;
  adapterFile: string | null;
  createdAt: number;
}

export interface RunSample {
  step: number;
  position: number;
  image: string;
}

const step = z.number().int().nonnegative();
const newRun = z
  .object({
    projectId: idField,
    name: nameField,
    datasetId: idField.nullable().default(null),
    baseModelId: idField.nullable().default(null),
    configVersion: z.number().int().positive(),
    config: jsonRecord,
    output: z.string().min(1),
    totalSteps: z.number().int().positive().nullable().default(null),
  })
  .strict();
export type NewTrainingRun = z.input<typeof newRun>;
const metric = z
  .object({ step, loss: z.number(), lr: z.number(), gradNorm: z.number().nullable().default(null), terms: z.record(z.string(), z.number()).default({}) })
  .strict();
export type NewRunMetric = z.input<typeof metric>;
const checkpoint = z.object({ step, file: z.string().min(1), adapterFile: z.string().min(1).nullable().default(null) }).strict();
export type NewRunCheckpoint = z.input<typeof checkpoint>;

const toRun = (row: unknown) => fromRow<TrainingRun>(row, { config: jsonObject });

/** Runs, their per-step metrics, checkpoints and samples: enough to rebuild the monitor after a restart. */
export class TrainingRunRepository {
  constructor(private readonly db: Db) {}

  create(input: NewTrainingRun): TrainingRun {
    const r = parseInput(newRun, input, 'training run');
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO training_runs (project_id, name, dataset_id, base_model_id, config_version, config, output, total_steps, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.projectId, r.name, r.datasetId, r.baseModelId, r.configVersion, JSON.stringify(r.config), r.output, r.totalSteps, Date.now());
    return this.get(Number(lastInsertRowid));
  }

  get(runId: number): TrainingRun {
    const row = this.db.prepare('SELECT * FROM training_runs WHERE id = ?').get(runId) as unknown;
    if (!row) throw new NotFoundError('training run', runId);
    return toRun(row);
  }

  list(projectId: number): TrainingRun[] {
    return this.db.prepare('SELECT * FROM training_runs WHERE project_id = ? ORDER BY created_at DESC, id DESC').all(projectId).map(toRun);
  }

  /** Starting or resuming: clears the previous ending. A completed run is not restarted. */
  markRunning(runId: number): TrainingRun {
    const run = this.get(runId);
    if (run.status === 'completed') throw new StorageError(`training run '${run.name}' has completed; start a new run to train further`, { code: 'conflict' });
    this.db
      .prepare("UPDATE training_runs SET status = 'running', started_at = ?, finished_at = NULL, failure_reason = NULL WHERE id = ?")
      .run(Date.now(), runId);
    return this.get(runId);
  }

  markEnded(runId: number, status: 'completed' | 'cancelled'): TrainingRun {
    return this.end(runId, status, null);
  }

  markFailed(runId: number, reason: string): TrainingRun {
    return this.end(runId, 'failed', reason.trim() || 'failed without a reason');
  }

  /** One step's numbers; a resumed run repeats steps after its last checkpoint, so the newest wins. */
  recordMetric(runId: number, input: NewRunMetric): void {
    const m = parseInput(metric, input, 'metric');
    this.db
      .prepare('INSERT OR REPLACE INTO run_metrics (run_id, step, loss, lr, grad_norm, terms, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(runId, m.step, m.loss, m.lr, m.gradNorm, JSON.stringify(m.terms), Date.now());
  }

  metrics(runId: number, fromStep = 0): RunMetric[] {
    return this.db
      .prepare('SELECT step, loss, lr, grad_norm, terms FROM run_metrics WHERE run_id = ? AND step >= ? ORDER BY step')
      .all(runId, fromStep)
      .map((row) => fromRow<RunMetric>(row, { terms: jsonObject }));
  }

  addCheckpoint(runId: number, input: NewRunCheckpoint): RunCheckpoint {
    const c = parseInput(checkpoint, input, 'checkpoint');
    this.db
      .prepare('INSERT OR REPLACE INTO run_checkpoints (run_id, step, file, adapter_file, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(runId, c.step, c.file, c.adapterFile, Date.now());
    return this.checkpoints(runId).find((k) => k.step === c.step)!;
  }

  checkpoints(runId: number): RunCheckpoint[] {
    return this.db
      .prepare('SELECT id, step, file, adapter_file, created_at FROM run_checkpoints WHERE run_id = ? ORDER BY step')
      .all(runId)
      .map((row) => fromRow<RunCheckpoint>(row));
  }

  /** A step's sample images, in the order of the run's fixed sample prompts. */
  addSamples(runId: number, atStep: number, images: readonly string[]): void {
    const s = parseInput(step, atStep, 'samples step');
    const insert = this.db.prepare('INSERT OR REPLACE INTO run_samples (run_id, step, position, image) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => images.forEach((image, position) => insert.run(runId, s, position, image)))();
  }

  samples(runId: number): RunSample[] {
    return this.db.prepare('SELECT step, position, image FROM run_samples WHERE run_id = ? ORDER BY step, position').all(runId) as RunSample[];
  }

  private end(runId: number, status: RunStatus, reason: string | null): TrainingRun {
    const { changes } = this.db
      .prepare('UPDATE training_runs SET status = ?, finished_at = ?, failure_reason = ? WHERE id = ?')
      .run(status, Date.now(), reason, runId);
    if (changes === 0) throw new NotFoundError('training run', runId);
    return this.get(runId);
  }
}
