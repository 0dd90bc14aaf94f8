import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { SafetensorsReader, writeSafetensors } from '../../io/safetensors';
import type { SchedulerConfig } from '../../schedulers';
import type { Teacher } from './teacher';
import { sampleTeacherLatents, type TeacherConditioning, type TeacherSampling } from './teacher-sampling';

const KEY_METADATA = 'styleinject.teacher_latent_key';

/** Everything that decides a teacher latent: the file name is its hash, the metadata its text. */
function describeKey(teacherHash: string, encoderId: string, prompt: string, seed: number, settings: TeacherSampling, schedule: SchedulerConfig): string {
  return JSON.stringify({ teacher: teacherHash, encoder: encoderId, prompt, seed, settings, schedule });
}

export interface TeacherLatentCacheOptions {
  /** One line per rebuilt (unreadable or mismatched) entry. */
  log?: (line: string) => void;
}

/**
 * Teacher latents for prompts-only distillation, generated once and kept on disk as
 * safetensors named by a hash of (teacher weights, text encoder, prompt, seed, sampling
 * settings, schedule). An entry that cannot be read or does not match is regenerated.
 */
export class TeacherLatentCache {
  /** Entries generated (rather than read) by this cache object. */
  generated = 0;
  private readonly log: (line: string) => void;

  constructor(
    readonly dir: string,
    private readonly teacher: Teacher,
    private readonly conditioning: TeacherConditioning,
    private readonly schedule: SchedulerConfig,
    private readonly settings: TeacherSampling,
    options: TeacherLatentCacheOptions = {},
  ) {
    if (!teacher.hash) throw new Error('teacher latent cache: the teacher has no weights hash to key its latents with');
    this.log = options.log ?? (() => undefined);
  }

  /** The latents (1, h, w, C) for the prompt and seed: read from disk, or sampled and stored. The caller disposes them. */
  async get(prompt: string, seed: number): Promise<tf.Tensor4D> {
    const description = describeKey(this.teacher.hash, this.conditioning.id, prompt, seed, this.settings, this.schedule);
    const path = join(this.dir, `${createHash('sha256').update(description).digest('hex').slice(0, 32)}.safetensors`);
    try {
      return await this.read(path, description);
    } catch (error) {
      if ((error as { cause?: NodeJS.ErrnoException }).cause?.code !== 'ENOENT') {
        this.log(`teacher latents: ${path}: unusable, sampling again (${(error as Error).message})`);
      }
    }
    const latents = await sampleTeacherLatents(this.teacher, this.conditioning, this.schedule, prompt, seed, this.settings);
    this.generated++;
    await mkdir(this.dir, { recursive: true });
    await writeSafetensors(path, { latents: { data: (await latents.data()) as Float32Array, shape: [...latents.shape] } }, { metadata: { [KEY_METADATA]: description } });
    return latents;
  }

  private async read(path: string, description: string): Promise<tf.Tensor4D> {
    const reader = await SafetensorsReader.open(path);
    try {
      if (reader.metadata[KEY_METADATA] !== description) throw new Error('its key metadata does not match this teacher, prompt, seed and settings');
      const { latentHeight: h, latentWidth: w } = this.settings;
      const shape = reader.entry('latents').shape;
      if (shape.length !== 4 || shape[0] !== 1 || shape[1] !== h || shape[2] !== w) throw new Error(`shape [${shape}] is not (1, ${h}, ${w}, C)`);
      const values = await reader.readFloat32('latents');
      if (!values.every(Number.isFinite)) throw new Error('holds non-finite values');
      return tf.tensor4d(values, shape as [number, number, number, number]);
    } finally {
      await reader.close();
    }
  }
}
