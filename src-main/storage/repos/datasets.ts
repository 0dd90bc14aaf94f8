import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError, StorageInputError } from '../errors';
import { parseInput } from '../input';
import { idField, nameField } from './fields';
import { fromRow } from './row-mapping';

/** copy: the project keeps its own copy of each image; reference: images stay where they are. */
export type DatasetStorage = 'copy' | 'reference';

export interface Dataset {
  id: number;
  projectId: number;
  name: string;
  storage: DatasetStorage;
  /** Images whose shorter edge is below this are flagged low resolution (the paper dropped < 512). */
  minEdge: number;
  /** Perceptual-hash distance (0-64 bits) at or below which two images are near duplicates. */
  nearDuplicateDistance: number;
  createdAt: number;
}

const minEdge = z.number().int().positive().max(16384);
const nearDuplicateDistance = z.number().int().min(0).max(64);
const newDataset = z
  .object({
    projectId: idField,
    name: nameField,
    storage: z.enum(['copy', 'reference']).default('copy'),
    minEdge: minEdge.default(512),
    nearDuplicateDistance: nearDuplicateDistance.default(6),
  })
  .strict();
const datasetChange = z.object({ name: nameField.optional(), minEdge: minEdge.optional(), nearDuplicateDistance: nearDuplicateDistance.optional() }).strict();
export type NewDataset = z.input<typeof newDataset>;
export type DatasetChange = z.input<typeof datasetChange>;

const toDataset = (row: unknown) => fromRow<Dataset>(row);

export class DatasetRepository {
  constructor(private readonly db: Db) {}

  create(input: NewDataset): Dataset {
    const d = parseInput(newDataset, input, 'dataset');
    if (!this.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(d.projectId)) throw new NotFoundError('project', d.projectId);
    this.refuseTakenName(d.projectId, d.name);
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO datasets (project_id, name, storage, min_edge, near_duplicate_distance, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(d.projectId, d.name, d.storage, d.minEdge, d.nearDuplicateDistance, Date.now());
    return this.get(Number(lastInsertRowid));
  }

  get(id: number): Dataset {
    const row = this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as unknown;
    if (!row) throw new NotFoundError('dataset', id);
    return toDataset(row);
  }

  list(projectId: number): Dataset[] {
    return this.db.prepare('SELECT * FROM datasets WHERE project_id = ? ORDER BY name').all(projectId).map(toDataset);
  }

  update(id: number, change: DatasetChange): Dataset {
    const c = parseInput(datasetChange, change, 'dataset');
    const current = this.get(id);
    if (c.name !== undefined && c.name !== current.name) this.refuseTakenName(current.projectId, c.name);
    this.db
      .prepare('UPDATE datasets SET name = ?, min_edge = ?, near_duplicate_distance = ? WHERE id = ?')
      .run(c.name ?? current.name, c.minEdge ?? current.minEdge, c.nearDuplicateDistance ?? current.nearDuplicateDistance, id);
    return this.get(id);
  }

  /** Deletes the dataset and its items (cascade); the caller removes files no other item uses. */
  delete(id: number): void {
    const { changes } = this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
    if (changes === 0) throw new NotFoundError('dataset', id);
  }

  private refuseTakenName(projectId: number, name: string): void {
    if (this.db.prepare('SELECT 1 FROM datasets WHERE project_id = ? AND name = ?').get(projectId, name)) {
      throw new StorageInputError('name', `dataset: 'name': this project already has a dataset called '${name}'; pick another name`);
    }
  }
}
