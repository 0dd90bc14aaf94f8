import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError, StorageInputError } from '../errors';
import { parseInput } from '../input';
import { idField, jsonRecord, nameField, sha256Field } from './fields';
import { fromRow, jsonObject } from './row-mapping';

export const MODEL_KINDS = ['checkpoint', 'vae', 'tokenizer', 'lora'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
/** reference: used where it lies; copy: the library holds a copy; download: fetched into the library. */
export type ModelStorage = 'reference' | 'copy' | 'download';

export interface Model {
  id: number;
  kind: ModelKind;
  name: string;
  /** Absolute for a referenced model, relative to the data directory for one the library holds. */
  path: string;
  storage: ModelStorage;
  format: string;
  sha256: string;
  sizeBytes: number;
  detected: Record<string, unknown>;
  sourceUrl: string | null;
  tokenizerId: number | null;
  addedAt: number;
}

const newModel = z
  .object({
    kind: z.enum(MODEL_KINDS),
    name: nameField,
    path: z.string().min(1, 'must not be empty'),
    storage: z.enum(['reference', 'copy', 'download']),
    format: z.string().min(1, 'must not be empty'),
    sha256: sha256Field,
    sizeBytes: z.number().int().nonnegative(),
    detected: jsonRecord.default({}),
    sourceUrl: z.url().nullable().default(null),
    tokenizerId: idField.nullable().default(null),
  })
  .strict();
export type NewModel = z.input<typeof newModel>;

const toModel = (row: unknown) => fromRow<Model>(row, { detected: jsonObject });

/** The model library's rows; inspecting, hashing and downloading live in studio/models. */
export class ModelRepository {
  constructor(private readonly db: Db) {}

  add(input: NewModel): Model {
    const m = parseInput(newModel, input, 'model');
    const existing = this.findByPath(m.path);
    if (existing) throw new StorageInputError('path', `model: 'path': ${m.path} is already in the library as '${existing.name}' (id ${existing.id})`);
    if (m.tokenizerId !== null) this.requireTokenizer(m.tokenizerId);
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO models (kind, name, path, storage, format, sha256, size_bytes, detected, source_url, tokenizer_id, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(m.kind, m.name, m.path, m.storage, m.format, m.sha256, m.sizeBytes, JSON.stringify(m.detected), m.sourceUrl, m.tokenizerId, Date.now());
    return this.get(Number(lastInsertRowid));
  }

  get(id: number): Model {
    const row = this.db.prepare('SELECT * FROM models WHERE id = ?').get(id) as unknown;
    if (!row) throw new NotFoundError('model', id);
    return toModel(row);
  }

  list(kind?: ModelKind): Model[] {
    const rows = kind
      ? this.db.prepare('SELECT * FROM models WHERE kind = ? ORDER BY name').all(kind)
      : this.db.prepare('SELECT * FROM models ORDER BY kind, name').all();
    return rows.map(toModel);
  }

  findByPath(path: string): Model | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE path = ?').get(path) as unknown;
    return row === undefined ? undefined : toModel(row);
  }

  findBySha256(sha256: string, kind?: ModelKind): Model | undefined {
    const row = this.db
      .prepare('SELECT * FROM models WHERE sha256 = ? AND (? IS NULL OR kind = ?) ORDER BY id LIMIT 1')
      .get(sha256, kind ?? null, kind ?? null) as unknown;
    return row === undefined ? undefined : toModel(row);
  }

  /** Pairs a single-file checkpoint with the tokenizer it is used with. */
  setTokenizer(modelId: number, tokenizerId: number | null): Model {
    const model = this.get(modelId);
    if (model.kind !== 'checkpoint') throw new StorageInputError('modelId', `model: '${model.name}' is a ${model.kind}; only checkpoints take a tokenizer`);
    if (tokenizerId !== null) this.requireTokenizer(tokenizerId);
    this.db.prepare('UPDATE models SET tokenizer_id = ? WHERE id = ?').run(tokenizerId, modelId);
    return this.get(modelId);
  }

  remove(id: number): void {
    const { changes } = this.db.prepare('DELETE FROM models WHERE id = ?').run(id);
    if (changes === 0) throw new NotFoundError('model', id);
  }

  private requireTokenizer(id: number): void {
    const tokenizer = this.get(id);
    if (tokenizer.kind !== 'tokenizer') throw new StorageInputError('tokenizerId', `model: 'tokenizerId': model ${id} ('${tokenizer.name}') is a ${tokenizer.kind}, not a tokenizer`);
  }
}
