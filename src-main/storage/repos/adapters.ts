import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError, StorageInputError } from '../errors';
import { parseInput } from '../input';
import { readJsonObject } from './json-column';

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
    projectId: z.number().int().positive(),
    name: z.string().trim().min(1, 'must not be empty'),
    file: z.string().min(1),
    method: z.enum(['lora', 'styleinject']),
    settings: z.record(z.string(), z.unknown()).default({}),
    sourceRunId: z.number().int().positive().nullable().default(null),
    sourceStep: z.number().int().nonnegative().nullable().default(null),
  })
  .strict();
export type NewAdapter = z.input<typeof newAdapter>;

interface AdapterRow {
  id: number;
  project_id: number;
  name: string;
  file: string;
  method: 'lora' | 'styleinject';
  settings: string;
  source_run_id: number | null;
  source_step: number | null;
  created_at: number;
}

const toAdapter = (r: AdapterRow): Adapter => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  file: r.file,
  method: r.method,
  settings: readJsonObject(r.settings),
  sourceRunId: r.source_run_id,
  sourceStep: r.source_step,
  createdAt: r.created_at,
});

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
    const row = this.db.prepare('SELECT * FROM adapters WHERE id = ?').get(adapterId) as AdapterRow | undefined;
    if (!row) throw new NotFoundError('adapter', adapterId);
    return toAdapter(row);
  }

  list(projectId: number): Adapter[] {
    return (this.db.prepare('SELECT * FROM adapters WHERE project_id = ? ORDER BY name').all(projectId) as AdapterRow[]).map(toAdapter);
  }

  fromRun(runId: number): Adapter[] {
    return (this.db.prepare('SELECT * FROM adapters WHERE source_run_id = ? ORDER BY source_step').all(runId) as AdapterRow[]).map(toAdapter);
  }

  delete(adapterId: number): void {
    const { changes } = this.db.prepare('DELETE FROM adapters WHERE id = ?').run(adapterId);
    if (changes === 0) throw new NotFoundError('adapter', adapterId);
  }
}
