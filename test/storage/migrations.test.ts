import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openDatabase, schemaVersion, type Migration } from '../../src-main/storage';
import { scratchFolder } from './scratch';

const dir = scratchFolder('migrations');
let fileCount = 0;

/** A real database file migrated up to `version`, with foreign keys on as the app runs it. */
function databaseAt(version: number): Database.Database {
  const db = new Database(join(dir, `db-${++fileCount}.sqlite`));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, version));
  expect(schemaVersion(db)).toBe(version);
  return db;
}

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations, one real database file each', () => {
  it('0001 creates projects and models; names are unique regardless of case; bad kinds and hashes are refused', () => {
    const db = databaseAt(0);
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(tables(db)).toEqual(['models', 'projects']);
    db.prepare("INSERT INTO projects (name, folder, created_at, updated_at) VALUES ('Ink', 'projects/ink', 1, 1)").run();
    expect(() => db.prepare("INSERT INTO projects (name, folder, created_at, updated_at) VALUES ('INK', 'projects/ink-2', 1, 1)").run()).toThrow(/UNIQUE/);
    const model = db.prepare("INSERT INTO models (kind, name, path, storage, format, sha256, size_bytes, added_at) VALUES (?, 'm', ?, 'reference', 'single_file', ?, 10, 1)");
    model.run('checkpoint', '/models/a.safetensors', 'a'.repeat(64));
    expect(() => model.run('unet', '/models/b.safetensors', 'b'.repeat(64))).toThrow(/CHECK/);
    expect(() => model.run('checkpoint', '/models/c.safetensors', 'short')).toThrow(/CHECK/);
    db.close();
  });

  it('0002 adds datasets and items on top of existing projects; deleting a project cascades to its items and tags', () => {
    const db = databaseAt(1);
    db.prepare("INSERT INTO projects (id, name, folder, created_at, updated_at) VALUES (1, 'Ink', 'projects/ink', 1, 1)").run();
    migrate(db, MIGRATIONS.slice(0, 2));
    expect(tables(db)).toEqual(expect.arrayContaining(['datasets', 'dataset_items', 'dataset_item_tags']));
    db.prepare("INSERT INTO datasets (id, project_id, name, storage, created_at) VALUES (1, 1, 'faces', 'copy', 1)").run();
    const item = db.prepare(
      `INSERT INTO dataset_items (dataset_id, image, source, sha256, dhash, format, size_bytes, width, height, focus_x, focus_y, added_at)
       VALUES (1, 'projects/ink/a.png', '/in/a.png', ?, '0123456789abcdef', 'png', 10, 64, 64, ?, ?, 1)`,
    );
    const { lastInsertRowid } = item.run('c'.repeat(64), 0.5, 0.5);
    db.prepare("INSERT INTO dataset_item_tags (item_id, tag) VALUES (?, 'ink')").run(lastInsertRowid);
    expect(() => item.run('d'.repeat(64), 0.5, null)).toThrow(/CHECK/); // a focus point needs both coordinates
    expect(() => item.run('e'.repeat(64), 1.5, 0.5)).toThrow(/CHECK/);
    db.prepare('DELETE FROM projects WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM dataset_item_tags').get()).toEqual({ n: 0 });
    db.close();
  });

  it('0003 adds training runs: a failed run must say why, metrics are one row per step', () => {
    const db = databaseAt(2);
    db.prepare("INSERT INTO projects (id, name, folder, created_at, updated_at) VALUES (1, 'Ink', 'projects/ink', 1, 1)").run();
    migrate(db, MIGRATIONS.slice(0, 3));
    const run = db.prepare("INSERT INTO training_runs (id, project_id, name, config_version, config, output, status, failure_reason, created_at) VALUES (?, 1, 'r', 1, '{}', 'projects/ink/runs/r', ?, ?, 1)");
    run.run(1, 'running', null);
    expect(() => run.run(2, 'failed', null)).toThrow(/CHECK/);
    expect(() => run.run(3, 'running', 'why')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO training_runs (project_id, name, config_version, config, output, created_at) VALUES (1, 'r', 1, '{not json', 'o', 1)").run()).toThrow(/CHECK/);
    const metric = db.prepare('INSERT INTO run_metrics (run_id, step, loss, lr, recorded_at) VALUES (1, ?, 0.1, 1e-4, 1)');
    metric.run(1);
    expect(() => metric.run(1)).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });

  it('0004 adds adapters and generations: a blend entry is our adapter or a library LoRA, not both', () => {
    const db = databaseAt(3);
    db.prepare("INSERT INTO projects (id, name, folder, created_at, updated_at) VALUES (1, 'Ink', 'projects/ink', 1, 1)").run();
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO adapters (id, project_id, name, file, method, settings, created_at) VALUES (1, 1, 'ink', 'a.safetensors', 'styleinject', '{}', 1)").run();
    db.prepare("INSERT INTO models (id, kind, name, path, storage, format, sha256, size_bytes, added_at) VALUES (1, 'lora', 'l', '/l', 'reference', 'kohya', ?, 1, 1)").run('f'.repeat(64));
    db.prepare("INSERT INTO generations (id, project_id, prompt, settings, seed, created_at) VALUES (1, 1, 'a fox', '{}', 7, 1)").run();
    const blend = db.prepare("INSERT INTO generation_adapters (generation_id, position, adapter_id, model_id, name, weight) VALUES (1, ?, ?, ?, 'x', 1)");
    blend.run(0, 1, null);
    expect(() => blend.run(1, 1, 1)).toThrow(/CHECK/);
    db.prepare('DELETE FROM adapters WHERE id = 1').run();
    expect(db.prepare('SELECT adapter_id, name FROM generation_adapters').get()).toEqual({ adapter_id: null, name: 'x' });
    db.close();
  });

  it('0005 adds router traces: packed float32 blobs keyed by (generation, image, pass, step)', () => {
    const db = databaseAt(4);
    db.prepare("INSERT INTO projects (id, name, folder, created_at, updated_at) VALUES (1, 'Ink', 'projects/ink', 1, 1)").run();
    db.prepare("INSERT INTO generations (id, project_id, prompt, settings, seed, created_at) VALUES (1, 1, 'a fox', '{}', 7, 1)").run();
    migrate(db, MIGRATIONS.slice(0, 5));
    db.prepare("INSERT INTO router_trace_layouts (generation_id, entries, floats_per_step) VALUES (1, '[]', 2)").run();
    const trace = db.prepare("INSERT INTO router_traces (generation_id, image_index, pass, step, timestep, probs) VALUES (1, 0, 'cond', ?, 999, ?)");
    trace.run(0, Buffer.alloc(8));
    expect(() => trace.run(1, Buffer.alloc(7))).toThrow(/CHECK/);
    expect(() => trace.run(0, Buffer.alloc(8))).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM generations WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM router_traces').get()).toEqual({ n: 0 });
    db.close();
  });

  it('0006 adds router studies over generations: K above 1, JSON columns checked, images go with their generation', () => {
    const db = databaseAt(5);
    db.prepare("INSERT INTO projects (id, name, folder, created_at, updated_at) VALUES (1, 'Ink', 'projects/ink', 1, 1)").run();
    db.prepare("INSERT INTO generations (id, project_id, prompt, settings, seed, created_at) VALUES (1, 1, 'a fox', '{}', 7, 1)").run();
    migrate(db, MIGRATIONS.slice(0, 6));
    const study = db.prepare(
      "INSERT INTO router_studies (id, project_id, name, adapter_name, layers, k, steps, themes, settings, summary, created_at) VALUES (?, 1, 's', 'ink', '[\"unet:a\"]', ?, 3, '[]', '{}', ?, 1)",
    );
    study.run(1, 4, '{"meanByStep":[],"usage":[]}');
    expect(() => study.run(2, 1, '{}')).toThrow(/CHECK/);
    expect(() => study.run(3, 4, '{not json')).toThrow(/CHECK/);
    db.prepare("INSERT INTO router_study_images (study_id, position, generation_id, theme) VALUES (1, 0, 1, 'animals')").run();
    db.prepare('DELETE FROM generations WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM router_study_images').get()).toEqual({ n: 0 });
    db.prepare('DELETE FROM projects WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM router_studies').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('migration rules', () => {
  it('versions run 1, 2, 3 ... with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const gap: Migration[] = [MIGRATIONS[0], { ...MIGRATIONS[1], version: 3 }];
    expect(() => migrate(databaseAt(0), gap)).toThrow(/version 3, expected 2/);
  });

  it('refuses a database from a newer app with a message saying what to do', () => {
    const file = join(dir, 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'unsupported' }));
    expect(() => openDatabase(file)).toThrow(/newer StyleInject Studio \(schema version 7; this app knows up to 6\)\. Update the app/);
  });

  it('a migration that fails leaves the database at the previous whole version', () => {
    const db = databaseAt(1);
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('disk on fire');
      },
    };
    expect(() => migrate(db, [MIGRATIONS[0], broken])).toThrow(/disk on fire/);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('openDatabase turns on WAL, foreign keys and a busy timeout, and reaches the newest version', () => {
    const db = openDatabase(join(dir, 'fresh.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('a file that is not a database is refused clearly', () => {
    const file = join(dir, 'notes.sqlite');
    writeFileSync(file, 'these are my notes, not a database'.repeat(40));
    expect(() => openDatabase(file)).toThrow(/cannot use this file as the studio database \(file is not a database\)/);
  });
});
