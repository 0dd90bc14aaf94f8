import * as tf from '@tensorflow/tfjs';
import type { ClipTextModel } from '../../models/clip';
import { SeededGenerator } from '../../random';
import { createScheduler, type SamplerName, type SchedulerConfig } from '../../schedulers';
import type { ClipTokenizer } from '../../tokenizer';
import { encodeCaptions } from '../../pipelines/prompt/encode-captions';
import type { Teacher } from './teacher';

/** How the teacher samples latents for prompts-only distillation (part of the cache key). */
export type TeacherSampling = {
  steps: number;
  cfgScale: number;
  sampler: SamplerName;
  /** Latent size (512 px = 64). */
  latentHeight: number;
  latentWidth: number;
  negativePrompt: string;
};

export const DEFAULT_TEACHER_SAMPLING: TeacherSampling = { steps: 20, cfgScale: 7.5, sampler: 'euler_a', latentHeight: 64, latentWidth: 64, negativePrompt: '' };

/** The text encoder the teacher is conditioned with: its own, or the shared (student's base) one. */
export interface TeacherConditioning {
  encoder: ClipTextModel;
  tokenizer: ClipTokenizer;
  /** Identifies the encoder's weights in cache keys (e.g. its checkpoint hash). */
  id: string;
}

/**
 * The teacher's final latents for one prompt, txt2img-style: seeded initial noise, the
 * sampler loop with classifier-free guidance, no VAE decode (training wants latents, scaled as
 * the UNet sees them). Captions are encoded as training captions are (77 tokens, no emphasis),
 * so the latents match the conditioning the student trains with. Returns (1, h, w, C).
 */
export async function sampleTeacherLatents(
  teacher: Teacher,
  conditioning: TeacherConditioning,
  schedule: SchedulerConfig,
  prompt: string,
  seed: number,
  settings: TeacherSampling,
): Promise<tf.Tensor4D> {
  const scheduler = createScheduler(settings.sampler, schedule);
  scheduler.setTimesteps(settings.steps);
  const guided = settings.cfgScale !== 1;
  const noise = new SeededGenerator(seed);
  const shape = [1, settings.latentHeight, settings.latentWidth, teacher.unet.config.in_channels]; // NHWC
  const context = encodeCaptions(guided ? [settings.negativePrompt, prompt] : [prompt], conditioning.encoder, conditioning.tokenizer); // (1 or 2, 77, D)
  let latents = tf.tidy(() => noise.normalTensor(shape).mul(scheduler.initNoiseSigma)) as tf.Tensor4D;
  try {
    for (const t of scheduler.timesteps) {
      const next = tf.tidy(() => {
        const input = scheduler.scaleModelInput(latents, t) as tf.Tensor4D;
        const eps = teacher.unet.forward(guided ? tf.concat([input, input]) : input, t, context); // (2, h, w, C): uncond, cond
        const [uncond, cond] = guided ? tf.split(eps, 2) : [eps, eps];
        const guidance = guided ? uncond.add(cond.sub(uncond).mul(settings.cfgScale)) : eps;
        return scheduler.step(guidance, t, latents, { generator: noise }).prevSample as tf.Tensor4D;
      });
      latents.dispose();
      latents = next;
      await new Promise((resolve) => setImmediate(resolve)); // let a UI or a cancel request in between steps
    }
  } catch (error) {
    latents.dispose();
    throw error;
  } finally {
    context.dispose();
    scheduler.dispose();
  }
  return latents;
}
