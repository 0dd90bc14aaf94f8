import * as tf from '@tensorflow/tfjs';
import type { SeededGenerator } from '../../random';
import type { PromptPair } from './distill-prompts';
import type { TrainingBatch } from '../objectives/objective';
import type { TeacherLatentCache } from './teacher-latent-cache';

export interface TeacherPromptSourceOptions {
  /** Prompt i is sampled with seed baseSeed + i. */
  baseSeed: number;
  batchSize: number;
  /** Picks the prompts of each batch; the trainer checkpoints it so a resumed run draws the same. */
  rng: SeededGenerator;
}

/**
 * Prompts-only distillation data (the paper's data-free case): the teacher's own latents for
 * each prompt stand in for the images. Training then noises them at random timesteps like any
 * dataset latents. Batches carry the student prompts as captions and the teacher prompts as
 * teacherCaptions (used when the teacher has its own text encoder).
 */
export class TeacherPromptSource {
  constructor(
    private readonly pairs: readonly PromptPair[],
    private readonly cache: TeacherLatentCache,
    private readonly options: TeacherPromptSourceOptions,
  ) {
    if (pairs.length === 0) throw new Error('prompts-only distillation: no prompts');
    if (!(Number.isInteger(options.batchSize) && options.batchSize > 0)) throw new Error(`batch size must be a positive integer, got ${options.batchSize}`);
  }

  /** Samples every prompt's latents the cache lacks (before training, with progress). */
  async prepare(onProgress?: (done: number, total: number) => void): Promise<void> {
    for (const [i, pair] of this.pairs.entries()) {
      (await this.latentsOf(i, pair)).dispose();
      onProgress?.(i + 1, this.pairs.length);
    }
  }

  /** The next batch: prompts drawn with replacement from the seeded generator. The caller disposes its latents. */
  async next(): Promise<TrainingBatch> {
    const picks = Array.from({ length: this.options.batchSize }, () => Math.min(this.pairs.length - 1, Math.floor(this.options.rng.uniform() * this.pairs.length)));
    const parts: tf.Tensor4D[] = [];
    try {
      for (const i of picks) parts.push(await this.latentsOf(i, this.pairs[i]));
      const latents = tf.concat(parts) as tf.Tensor4D; // (B, h, w, C)
      return { latents, captions: picks.map((i) => this.pairs[i].student), teacherCaptions: picks.map((i) => this.pairs[i].teacher) };
    } finally {
      tf.dispose(parts);
    }
  }

  private latentsOf(index: number, pair: PromptPair): Promise<tf.Tensor4D> {
    return this.cache.get(pair.teacher, this.options.baseSeed + index);
  }
}
