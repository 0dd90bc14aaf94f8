import type { Migration } from '../migrate';

/**
 * Router studies (the paper's Fig. 9 in the studio): a study is a set of generations made with
 * one StyleInject adapter, whose routes live in the router-trace tables under each
 * generation's id. The study row keeps what the Router page shows without reading every route
 * (layers, K, themes, the heat-map and branch-usage summary).
 */
export const migration: Migration = {
  version: 6,
  name: 'router studies',
  up(db) {
    db.exec(`
      CREATE TABLE router_studies (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        adapter_id INTEGER REFERENCES adapters (id) ON DELETE SET NULL,
        adapter_name TEXT NOT NULL,
        base_model_id INTEGER REFERENCES models (id) ON DELETE SET NULL,
        layers TEXT NOT NULL CHECK (json_valid(layers)),
        k INTEGER NOT NULL CHECK (k > 1),
        steps INTEGER NOT NULL CHECK (steps > 0),
        themes TEXT NOT NULL CHECK (json_valid(themes)),
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        summary TEXT NOT NULL CHECK (json_valid(summary)),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX router_studies_by_project ON router_studies (project_id, created_at);

      CREATE TABLE router_study_images (
        study_id INTEGER NOT NULL REFERENCES router_studies (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        generation_id INTEGER NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
        theme TEXT NOT NULL,
        PRIMARY KEY (study_id, position)
      );
    `);
  },
};
