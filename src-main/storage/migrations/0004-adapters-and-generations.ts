import type { Migration } from '../migrate';

/**
 * Adapters a project owns (trained here or imported), and generations: prompt, settings,
 * seed, the adapters blended with their weights, and one image file per batch index. A
 * generation keeps each adapter's name, so its history still reads right after the adapter
 * (or the library LoRA) is deleted.
 */
export const migration: Migration = {
  version: 4,
  name: 'adapters and generations',
  up(db) {
    db.exec(`
      CREATE TABLE adapters (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        file TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('lora', 'styleinject')),
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        source_run_id INTEGER REFERENCES training_runs (id) ON DELETE SET NULL,
        source_step INTEGER CHECK (source_step >= 0),
        created_at INTEGER NOT NULL,
        UNIQUE (project_id, name)
      );

      CREATE TABLE generations (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        base_model_id INTEGER REFERENCES models (id) ON DELETE SET NULL,
        prompt TEXT NOT NULL,
        negative_prompt TEXT NOT NULL DEFAULT '',
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        seed INTEGER NOT NULL CHECK (seed >= 0),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX generations_project ON generations (project_id, created_at);

      CREATE TABLE generation_adapters (
        generation_id INTEGER NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        adapter_id INTEGER REFERENCES adapters (id) ON DELETE SET NULL,
        model_id INTEGER REFERENCES models (id) ON DELETE SET NULL,
        name TEXT NOT NULL,
        weight REAL NOT NULL,
        options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
        PRIMARY KEY (generation_id, position),
        CHECK (adapter_id IS NULL OR model_id IS NULL)
      ) WITHOUT ROWID;

      CREATE TABLE generation_images (
        generation_id INTEGER NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
        image_index INTEGER NOT NULL CHECK (image_index >= 0),
        file TEXT NOT NULL,
        seed INTEGER NOT NULL CHECK (seed >= 0),
        PRIMARY KEY (generation_id, image_index)
      ) WITHOUT ROWID;
    `);
  },
};
