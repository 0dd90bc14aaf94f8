import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { parseInput } from '../input';
import { idField, jsonRecord, nameField } from './fields';
import { fromRow } from './row-mapping';

export interface RouterStudy {
  id: number;
  projectId: number;
  name: string;
  adapterId: number | null;
  adapterName: string;
  baseModelId: number | null;
  /** The routed layers, the order of each step's route blocks. */
  layers: string[];
  k: number;
  steps: number;
  themes: string[];
  /** Size, CFG, sampler, seeds ... as the study ran. */
  settings: Record<string, unknown>;
  /** [layer][step][branch] means (heat maps) and [layer][branch] usage (bars). */
  summary: { meanByStep: number[][][]; usage: number[][] };
  createdAt: number;
  images: RouterStudyImageRow[];
}

/** One image of a study: a generation (prompt, seed, file; its routes are its router trace) and the theme it is coloured by. */
export interface RouterStudyImageRow {
  position: number;
  generationId: number;
  theme: string;
  prompt: string;
  seed: number;
  file: string;
}

const newStudy = z
  .object({
    projectId: idField,
    name: nameField,
    adapterId: idField.nullable().default(null),
    adapterName: z.string().min(1),
    baseModelId: idField.nullable().default(null),
    layers: z.array(z.string().min(1)).min(1),
    k: z.number().int().min(2),
    steps: z.number().int().positive(),
    themes: z.array(z.string()),
    settings: jsonRecord.default({}),
    summary: z.object({ meanByStep: z.array(z.array(z.array(z.number()))), usage: z.array(z.array(z.number())) }).strict(),
    images: z.array(z.object({ generationId: idField, theme: z.string() }).strict()).min(1, 'a study has at least one image'),
  })
  .strict();
export type NewRouterStudy = z.input<typeof newStudy>;

const parseJson = (value: unknown) => JSON.parse(String(value)) as unknown;

/** Router studies and the generations they are made of (written in one transaction, read as one). */
export class RouterStudyRepository {
  constructor(private readonly db: Db) {}

  create(input: NewRouterStudy): RouterStudy {
    const s = parseInput(newStudy, input, 'router study');
    const id = this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO router_studies (project_id, name, adapter_id, adapter_name, base_model_id, layers, k, steps, themes, settings, summary, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(s.projectId, s.name, s.adapterId, s.adapterName, s.baseModelId, JSON.stringify(s.layers), s.k, s.steps, JSON.stringify(s.themes), JSON.stringify(s.settings), JSON.stringify(s.summary), Date.now());
      const studyId = Number(lastInsertRowid);
      const addImage = this.db.prepare('INSERT INTO router_study_images (study_id, position, generation_id, theme) VALUES (?, ?, ?, ?)');
      s.images.forEach((image, position) => addImage.run(studyId, position, image.generationId, image.theme));
      return studyId;
    })();
    return this.get(id);
  }

  get(studyId: number): RouterStudy {
    const row = this.db.prepare('SELECT * FROM router_studies WHERE id = ?').get(studyId);
    if (!row) throw new NotFoundError('router study', studyId);
    return { ...fromRow<Omit<RouterStudy, 'images'>>(row, { layers: parseJson, themes: parseJson, settings: parseJson, summary: parseJson }), images: this.images(studyId) };
  }

  /** Newest first, without their images. */
  list(projectId: number): Omit<RouterStudy, 'images' | 'summary'>[] {
    const rows = this.db.prepare('SELECT id, project_id, name, adapter_id, adapter_name, base_model_id, layers, k, steps, themes, settings, created_at FROM router_studies WHERE project_id = ? ORDER BY created_at DESC, id DESC').all(projectId);
    return rows.map((row) => fromRow(row, { layers: parseJson, themes: parseJson, settings: parseJson }));
  }

  /** Deletes the study row; its generations (and their routes) are deleted by the caller, which also removes their files. */
  delete(studyId: number): void {
    const { changes } = this.db.prepare('DELETE FROM router_studies WHERE id = ?').run(studyId);
    if (changes === 0) throw new NotFoundError('router study', studyId);
  }

  private images(studyId: number): RouterStudyImageRow[] {
    const rows = this.db
      .prepare(
        `SELECT i.position, i.generation_id, i.theme, g.prompt, g.seed, gi.file
         FROM router_study_images i
         JOIN generations g ON g.id = i.generation_id
         JOIN generation_images gi ON gi.generation_id = g.id AND gi.image_index = 0
         WHERE i.study_id = ? ORDER BY i.position`,
      )
      .all(studyId);
    return rows.map((row) => fromRow<RouterStudyImageRow>(row));
  }
}
