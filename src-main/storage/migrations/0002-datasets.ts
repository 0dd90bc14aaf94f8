import type { Migration } from '../migrate';

/**
 * Datasets and their items. An item's `image` is the project's copy (relative path) or the
 * original (absolute), as the dataset's `storage` says; `source` is where it was imported
 * from. Flags (low resolution, duplicates, no caption) are not stored: they follow from the
 * dataset's `min_edge` and `near_duplicate_distance`, which the user changes. Tags are the
 * caption's comma-separated parts, kept in their own table so a frequency list is one query.
 */
export const migration: Migration = {
  version: 2,
  name: 'datasets',
  up(db) {
    db.exec(`
      CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        storage TEXT NOT NULL CHECK (storage IN ('copy', 'reference')),
        min_edge INTEGER NOT NULL DEFAULT 512 CHECK (min_edge > 0),
        near_duplicate_distance INTEGER NOT NULL DEFAULT 6 CHECK (near_duplicate_distance BETWEEN 0 AND 64),
        created_at INTEGER NOT NULL,
        UNIQUE (project_id, name)
      );

      CREATE TABLE dataset_items (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        image TEXT NOT NULL,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        dhash TEXT NOT NULL CHECK (length(dhash) = 16),
        format TEXT NOT NULL,
        size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        caption TEXT NOT NULL DEFAULT '',
        repeats INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1),
        excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
        focus_x REAL CHECK (focus_x BETWEEN 0 AND 1),
        focus_y REAL CHECK (focus_y BETWEEN 0 AND 1),
        added_at INTEGER NOT NULL,
        CHECK ((focus_x IS NULL) = (focus_y IS NULL)),
        UNIQUE (dataset_id, source, sha256)
      );
      CREATE INDEX dataset_items_sha256 ON dataset_items (dataset_id, sha256);
      CREATE INDEX dataset_items_image ON dataset_items (image);

      CREATE TABLE dataset_item_tags (
        item_id INTEGER NOT NULL REFERENCES dataset_items (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (item_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX dataset_item_tags_tag ON dataset_item_tags (tag);
    `);
  },
};
