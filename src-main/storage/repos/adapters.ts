import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError, StorageInputError } from '../errors';
import { parseInput } from '../input';
import { idField, jsonRecord, nameField } from './fields';
import { fromRow, jsonObject } from './row-mapping';

export interface Adapter {
  id: number;
  projectId: number;
  name: string;
  /** The adapter's .safetensors file (stored path). */
  file: string;
  method: 'lora' | 'styleinject';
  /** rank, alpha, K, DMA/STA, targets: what the run (or the file) says. */
  settings: Record<string, unknown>;
  sourceRunId: number | null;
  sourceStep: number | null;
  createdAt: number;
}

const newAdapter = z
  .object({
    projectId: idField,
    name: nameField,
    file: z.string().min(1),
    method: z.enum(['lora', 'styleinject']),
    settings: jsonRecord.default({}),
    sourceRunId: idField.nullable().default(null),
    sourceStep: z.number().int().nonnegative().nullable().default(null),
  })
  .strict();
export type NewAdapter = z.input<typeof newAdapter>;

const toAdapter = (row: unknown) => fromRow<Adapter>(row, { settings: jsonObject });

export class AdapterRepository {
  constructor(private readonly db: Db) {}

  create(input: NewAdapter): Adapter {
    const a = parseInput(newAdapter, input, 'adapter');
    if (this.db.prepare('SELECT 1 FROM adapters WHERE project_id = ? AND name = ?').get(a.projectId, a.name)) {
      throw new StorageInputError('name', `adapter: 'name': this project already has an adapter called '${a.name}'; pick another name`);
    }
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO adapters (project_id, name, file, method, settings, source_run_id, source_step, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(a.projectId, a.name, a.file, a.method, JSON.stringify(a.settings), a.sourceRunId, a.sourceStep, Date.now());
    return this.get(Number(lastInsertRowid));
  }

  get(adapterId: number): Adapter {
    const row = this.db.prepare('SELECT * FROM adapters WHERE id = ?').get(adapterId) as unknown;
    if (!row) throw new NotFoundError('adapter', adapterId);
    return toAdapter(row);
  }

  list(projectId: number): Adapter[] {
    return this.db.prepare('SELECT * FROM adapters WHERE project_id = ? ORDER BY name').all(projectId).map(toAdapter);
  }

  fromRun(runId: number): Adapter[] {
    return this.db.prepare('SELECT * FROM adapters WHERE source_run_id = ? ORDER BY source_step').all(runId).map(toAdapter);
  }

  delete(adapterId: number): void {
    const { changes } = this.db.prepare('DELETE FROM adapters WHERE id = ?').run(adapterId);
    if (changes === 0) throw new NotFoundError('adapter', adapterId);
  }
}
