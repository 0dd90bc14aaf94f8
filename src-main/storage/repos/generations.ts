import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { parseInput } from '../input';
import { readJsonObject } from './json-column';

/** One adapter in a generation's blend: ours (adapterId), a library LoRA (modelId), or since deleted (neither). */
export interface GenerationAdapter {
  adapterId: number | null;
  modelId: number | null;
  name: string;
  weight: number;
  /** Block-group weights, step range ... as the engine took them. */
  options: Record<string, unknown>;
}

export interface GenerationImage {
  index: number;
  file: string;
  seed: number;
}

export interface Generation {
  id: number;
  projectId: number;
  baseModelId: number | null;
  prompt: string;
  negativePrompt: string;
  /** Sampler, steps, CFG scale, size, batch size. */
  settings: Record<string, unknown>;
  seed: number;
  adapters: GenerationAdapter[];
  images: GenerationImage[];
  createdAt: number;
}

const seed = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const blendEntry = z
  .object({
    adapterId: z.number().int().positive().nullable().default(null),
    modelId: z.number().int().positive().nullable().default(null),
    name: z.string().min(1),
    weight: z.number().finite(),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .refine((a) => a.adapterId === null || a.modelId === null, { message: 'give adapterId or modelId, not both', path: ['modelId'] });
const newGeneration = z
  .object({
    projectId: z.number().int().positive(),
    baseModelId: z.number().int().positive().nullable().default(null),
    prompt: z.string(),
    negativePrompt: z.string().default(''),
    settings: z.record(z.string(), z.unknown()),
    seed,
    adapters: z.array(blendEntry).default([]),
    images: z.array(z.object({ file: z.string().min(1), seed }).strict()).min(1, 'must list at least one image'),
  })
  .strict();
export type NewGeneration = z.input<typeof newGeneration>;

interface GenerationRow {
  id: number;
  project_id: number;
  base_model_id: number | null;
  prompt: string;
  negative_prompt: string;
  settings: string;
  seed: number;
  created_at: number;
}

/** Generations with their blends and images, written and read as one. */
export class GenerationRepository {
  constructor(private readonly db: Db) {}

  create(input: NewGeneration): Generation {
    const g = parseInput(newGeneration, input, 'generation');
    const id = this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO generations (project_id, base_model_id, prompt, negative_prompt, settings, seed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(g.projectId, g.baseModelId, g.prompt, g.negativePrompt, JSON.stringify(g.settings), g.seed, Date.now());
      const generationId = Number(lastInsertRowid);
      const addAdapter = this.db.prepare('INSERT INTO generation_adapters (generation_id, position, adapter_id, model_id, name, weight, options) VALUES (?, ?, ?, ?, ?, ?, ?)');
      g.adapters.forEach((a, position) => addAdapter.run(generationId, position, a.adapterId, a.modelId, a.name, a.weight, JSON.stringify(a.options)));
      const addImage = this.db.prepare('INSERT INTO generation_images (generation_id, image_index, file, seed) VALUES (?, ?, ?, ?)');
      g.images.forEach((image, index) => addImage.run(generationId, index, image.file, image.seed));
      return generationId;
    })();
    return this.get(id);
  }

  get(generationId: number): Generation {
    const row = this.db.prepare('SELECT * FROM generations WHERE id = ?').get(generationId) as GenerationRow | undefined;
    if (!row) throw new NotFoundError('generation', generationId);
    return this.withParts(row);
  }

  /** Newest first; `limit`/`offset` page through a long history. */
  list(projectId: number, limit = 100, offset = 0): Generation[] {
    const rows = this.db.prepare('SELECT * FROM generations WHERE project_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?').all(projectId, limit, offset) as GenerationRow[];
    return rows.map((row) => this.withParts(row));
  }

  delete(generationId: number): void {
    const { changes } = this.db.prepare('DELETE FROM generations WHERE id = ?').run(generationId);
    if (changes === 0) throw new NotFoundError('generation', generationId);
  }

  private withParts(row: GenerationRow): Generation {
    const adapters = this.db.prepare('SELECT adapter_id, model_id, name, weight, options FROM generation_adapters WHERE generation_id = ? ORDER BY position').all(row.id) as {
      adapter_id: number | null;
      model_id: number | null;
      name: string;
      weight: number;
      options: string;
    }[];
    const images = this.db.prepare('SELECT image_index AS "index", file, seed FROM generation_images WHERE generation_id = ? ORDER BY image_index').all(row.id) as GenerationImage[];
    return {
      id: row.id,
      projectId: row.project_id,
      baseModelId: row.base_model_id,
      prompt: row.prompt,
      negativePrompt: row.negative_prompt,
      settings: readJsonObject(row.settings),
      seed: row.seed,
      adapters: adapters.map((a) => ({ adapterId: a.adapter_id, modelId: a.model_id, name: a.name, weight: a.weight, options: readJsonObject(a.options) })),
      images,
      createdAt: row.created_at,
    };
  }
}
