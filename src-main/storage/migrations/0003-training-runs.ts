import type { Migration } from '../migrate';

/**
 * Training runs and what they report: the config as versioned JSON (so an old run can be
 * read after the config format moves on), status with timestamps and the failure reason,
 * one metrics row per optimizer step (a resumed run re-records the steps it repeats),
 * checkpoints, and sample images per step.
 */
export const migration: Migration = {
  version: 3,
  name: 'training runs',
  up(db) {
    db.exec(`
      CREATE TABLE training_runs (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        dataset_id INTEGER REFERENCES datasets (id) ON DELETE SET NULL,
        base_model_id INTEGER REFERENCES models (id) ON DELETE SET NULL,
        config_version INTEGER NOT NULL CHECK (config_version >= 1),
        config TEXT NOT NULL CHECK (json_valid(config)),
        output TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
        total_steps INTEGER CHECK (total_steps > 0),
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        failure_reason TEXT,
        CHECK ((status = 'failed') = (failure_reason IS NOT NULL))
      );
      CREATE INDEX training_runs_project ON training_runs (project_id);

      CREATE TABLE run_metrics (
        run_id INTEGER NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        step INTEGER NOT NULL CHECK (step >= 0),
        loss REAL NOT NULL,
        lr REAL NOT NULL,
        grad_norm REAL,
        terms TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(terms)),
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, step)
      ) WITHOUT ROWID;

      CREATE TABLE run_checkpoints (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        step INTEGER NOT NULL CHECK (step >= 0),
        file TEXT NOT NULL,
        adapter_file TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (run_id, step)
      );

      CREATE TABLE run_samples (
        run_id INTEGER NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        step INTEGER NOT NULL CHECK (step >= 0),
        position INTEGER NOT NULL CHECK (position >= 0),
        image TEXT NOT NULL,
        PRIMARY KEY (run_id, step, position)
      ) WITHOUT ROWID;
    `);
  },
};
