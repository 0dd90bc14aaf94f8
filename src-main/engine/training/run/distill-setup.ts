import { readFile } from 'node:fs/promises';
import type { StableDiffusion } from '../../pipelines/stable-diffusion';
import type { SeededGenerator } from '../../random';
import { DistillObjective } from '../distill/distill-objective';
import { parsePairedPrompts, samePromptPairs, type PromptPair } from '../distill/distill-prompts';
import type { TrainingBatch } from '../objectives/objective';
import { loadTeacher, type Teacher } from '../distill/teacher';
import { TeacherLatentCache } from '../distill/teacher-latent-cache';
import { TeacherPromptSource } from '../distill/teacher-prompt-source';
import type { TrainingSource } from './batch-source';
import type { DistillSettings } from './config';
import type { TrainingEventListener } from './events';
import { badInput } from '../../errors';

export interface DistillationSetup {
  objective: DistillObjective;
  /** Prompts-only: batches of teacher latents; null when the run trains on its dataset's images. */
  promptSource: TeacherPromptSource | null;
  /** The prompt pairs read from `pairedPrompts` (empty without one). */
  pairs: PromptPair[];
}

export interface DistillationContext {
  sd: StableDiffusion;
  resolution: number;
  batchSize: number;
  seed: number;
  /** Draws the prompts of each prompts-only batch; checkpointed with the run. */
  rng: SeededGenerator;
  cacheDir: string;
  onEvent: TrainingEventListener;
  log: (line: string) => void;
}

/** A prompt file: `teacher<TAB>student` lines, or plain lines that teacher and student both read. */
async function readPromptFile(path: string): Promise<PromptPair[]> {
  const lines = (await readFile(path, 'utf8')).split(/\r?\n/);
  const pairs = lines.flatMap((line, i) => {
    if (line.trim() === '') return [];
    return line.includes('\t') ? parsePairedPrompts(line, `${path}:${i + 1}`) : samePromptPairs([line]);
  });
  if (pairs.length === 0) throw badInput(`${path}: no prompts`);
  return pairs;
}

/**
 * The teacher, the distillation objective and, in the data-free case, the teacher-latent data
 * source, built before the student's adapter is attached (the shared text encoder must encode
 * the teacher's prompts unadapted).
 */
export async function prepareDistillation(settings: DistillSettings, c: DistillationContext): Promise<DistillationSetup> {
  c.onEvent({ type: 'status', message: `loading the teacher ${settings.teacher}` });
  const teacher: Teacher = await loadTeacher(settings.teacher, { config: settings.teacherConfig, tokenizerPath: settings.teacherTokenizer });
  try {
    const objective = new DistillObjective(teacher, settings.weights);
    const pairs = settings.pairedPrompts ? await readPromptFile(settings.pairedPrompts) : [];
    if (!settings.promptsOnly) return { objective, promptSource: null, pairs };

    const f = c.sd.vae.downscale;
    const conditioning = teacher.text
      ? { encoder: teacher.text.encoder, tokenizer: teacher.text.tokenizer, id: `teacher-sha256:${teacher.hash}` }
      : { encoder: c.sd.textEncoder, tokenizer: c.sd.tokenizer, id: `model-sha256:${c.sd.hash}` };
    const { steps, cfg, sampler } = settings.sampling;
    const sampling = { steps, cfgScale: cfg, sampler, latentHeight: c.resolution / f, latentWidth: c.resolution / f, negativePrompt: '' };
    const cache = new TeacherLatentCache(c.cacheDir, teacher, conditioning, c.sd.schedulerConfig, sampling, { log: c.log });
    const promptSource = new TeacherPromptSource(pairs, cache, { baseSeed: c.seed, batchSize: c.batchSize, rng: c.rng });
    await promptSource.prepare((done, total) => c.onEvent({ type: 'status', message: "sampling the teacher's latents", done, total }));
    return { objective, promptSource, pairs };
  } catch (error) {
    teacher.dispose();
    throw error;
  }
}

/**
 * Distillation on images with a teacher that reads its own prompts: each batch's captions are
 * looked up in the paired prompt file to give the teacher its prompt.
 */
export function withTeacherCaptions(source: TrainingSource, pairs: readonly PromptPair[]): TrainingSource {
  const teacherOf = new Map(pairs.map((p) => [p.student, p.teacher]));
  return {
    async next(): Promise<TrainingBatch> {
      const batch = await source.next();
      const missing = batch.captions.find((c) => !teacherOf.has(c));
      if (missing !== undefined) {
        batch.latents.dispose();
        throw badInput(`caption "${missing.slice(0, 80)}" has no teacher prompt in the paired prompt file (caption augmentation must be off for paired distillation)`);
      }
      return { ...batch, teacherCaptions: batch.captions.map((c) => teacherOf.get(c) as string) };
    },
  };
}
