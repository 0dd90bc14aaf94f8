import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { parseInput } from '../input';
import { idField, jsonRecord } from './fields';
import { fromRow, jsonObject } from './row-mapping';

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
    adapterId: idField.nullable().default(null),
    modelId: idField.nullable().default(null),
    name: z.string().min(1),
    weight: z.number().finite(),
    options: jsonRecord.default({}),
  })
  .strict()
  .refine((a) => a.adapterId === null || a.modelId === null, { message: 'give adapterId or modelId, not both', path: ['modelId'] });
const newGeneration = z
  .object({
    projectId: idField,
    baseModelId: idField.nullable().default(null),
    prompt: z.string(),
    negativePrompt: z.string().default(''),
    settings: jsonRecord,
    seed,
    adapters: z.array(blendEntry).default([]),
    images: z.array(z.object({ file: z.string().min(1), seed }).strict()).min(1, 'must list at least one image'),
  })
  .strict();
export type NewGeneration = z.input<typeof newGeneration>;

type GenerationRow = Omit<Generation, 'adapters' | 'images'>;

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
    const row = this.db.prepare('SELECT * FROM generations WHERE id = ?').get(generationId);
    if (!row) throw new NotFoundError('generation', generationId);
    return this.withParts(fromRow<GenerationRow>(row, { settings: jsonObject }));
  }

  /** Newest first; `limit`/`offset` page through a long history. */
  list(projectId: number, limit = 100, offset = 0): Generation[] {
    const rows = this.db.prepare('SELECT * FROM generations WHERE project_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?').all(projectId, limit, offset);
    return rows.map((row) => this.withParts(fromRow<GenerationRow>(row, { settings: jsonObject })));
  }

  delete(generationId: number): void {
    const { changes } = this.db.prepare('DELETE FROM generations WHERE id = ?').run(generationId);
    if (changes === 0) throw new NotFoundError('generation', generationId);
  }

  private withParts(generation: GenerationRow): Generation {
    const adapters = this.db
      .prepare('SELECT adapter_id, model_id, name, weight, options FROM generation_adapters WHERE generation_id = ? ORDER BY position')
      .all(generation.id)
      .map((row) => fromRow<GenerationAdapter>(row, { options: jsonObject }));
    const images = this.db.prepare('SELECT image_index AS "index", file, seed FROM generation_images WHERE generation_id = ? ORDER BY image_index').all(generation.id) as GenerationImage[];
    return { ...generation, adapters, images };
  }
}
