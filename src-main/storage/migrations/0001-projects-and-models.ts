import type { Migration } from '../migrate';

/**
 * Projects (one folder each under the data directory) and the model library, which all
 * projects share: base checkpoints, VAEs, tokenizers and community LoRAs. A model is either
 * referenced where it lies (absolute path) or held by the library (path relative to the data
 * directory). `detected` keeps what the header told us (architecture, prediction type ...).
 */
export const migration: Migration = {
  version: 1,
  name: 'projects and models',
  up(db) {
    db.exec(`
      CREATE TABLE projects (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        folder TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX projects_name ON projects (name COLLATE NOCASE);

      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('checkpoint', 'vae', 'tokenizer', 'lora')),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        path TEXT NOT NULL UNIQUE,
        storage TEXT NOT NULL CHECK (storage IN ('reference', 'copy', 'download')),
        format TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
        detected TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detected)),
        source_url TEXT,
        tokenizer_id INTEGER REFERENCES models (id) ON DELETE SET NULL,
        added_at INTEGER NOT NULL
      );
      CREATE INDEX models_kind ON models (kind);
      CREATE INDEX models_sha256 ON models (sha256);
    `);
  },
};
