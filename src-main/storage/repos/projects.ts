import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError, StorageInputError } from '../errors';
import { parseInput } from '../input';
import { nameField } from './fields';
import { fromRow } from './row-mapping';

export interface Project {
  id: number;
  name: string;
  /** The project's folder, relative to the data directory. */
  folder: string;
  description: string;
  createdAt: number;
  updatedAt: number;
}

export const newProjectSchema = z.object({ name: nameField, description: z.string().max(10_000).default('') }).strict();
const projectChange = z.object({ name: nameField.optional(), description: z.string().max(10_000).optional() }).strict();
export type NewProject = z.input<typeof newProjectSchema>;
export type ProjectChange = z.input<typeof projectChange>;

const toProject = (row: unknown) => fromRow<Project>(row);

/** Project rows. Their folders are made and removed by project-files, which calls this. */
export class ProjectRepository {
  constructor(private readonly db: Db) {}

  create(input: NewProject, folder: string): Project {
    const { name, description } = parseInput(newProjectSchema, input, 'project');
    this.refuseTakenName(name);
    const at = Date.now();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO projects (name, folder, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, folder, description, at, at);
    return this.get(Number(lastInsertRowid));
  }

  get(id: number): Project {
    const row = this.db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as unknown;
    if (!row) throw new NotFoundError('project', id);
    return toProject(row);
  }

  findByName(name: string): Project | undefined {
    const row = this.db.prepare('SELECT * FROM projects WHERE name = ? COLLATE NOCASE').get(name.trim()) as unknown;
    return row === undefined ? undefined : toProject(row);
  }

  list(): Project[] {
    return this.db.prepare('SELECT * FROM projects ORDER BY name COLLATE NOCASE').all().map(toProject);
  }

  update(id: number, change: ProjectChange): Project {
    const parsed = parseInput(projectChange, change, 'project');
    const current = this.get(id);
    if (parsed.name !== undefined && parsed.name.toLowerCase() !== current.name.toLowerCase()) this.refuseTakenName(parsed.name);
    this.db
      .prepare('UPDATE projects SET name = ?, description = ?, updated_at = ? WHERE id = ?')
      .run(parsed.name ?? current.name, parsed.description ?? current.description, Date.now(), id);
    return this.get(id);
  }

  /** Deletes the row and, through the schema's cascades, everything the project owns. */
  delete(id: number): void {
    const { changes } = this.db.prepare('DELETE FROM projects WHERE id = ?').run(id);
    if (changes === 0) throw new NotFoundError('project', id);
  }

  /** Throws the field-named error a clashing name gets (case-insensitive). */
  refuseTakenName(name: string): void {
    if (this.findByName(name)) throw new StorageInputError('name', `project: 'name': a project called '${name}' already exists; pick another name`);
  }
}
