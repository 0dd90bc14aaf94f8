import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AdapterSession } from '../../adapters/blend';
import type { StableDiffusion } from '../../pipelines/stable-diffusion';
import { txt2img } from '../../pipelines/txt2img';
import type { SampleSettings } from './config';
import { writeGeneratedPngs } from '../../pipelines/txt2img/generated-png';
import type { OutputLayout } from './output-layout';

/**
 * The run's sample images for one step: every fixed prompt with its fixed seed, through the
 * model with the adapter being trained attached (weight 1), so images of different steps compare
 * like for like and the user can pick the best checkpoint (the paper's early stopping). Sampling
 * has its own seeds and draws nothing from the training generators. Returns the PNG paths.
 */
export async function writeSamples(
  sd: StableDiffusion,
  session: AdapterSession,
  settings: SampleSettings,
  resolution: number,
  step: number,
  layout: OutputLayout,
): Promise<string[]> {
  const paths: string[] = [];
  for (const [index, prompt] of settings.prompts.entries()) {
    const seed = settings.seeds[index];
    const result = await txt2img(sd, {
      prompt,
      negativePrompt: settings.negativePrompt,
      steps: settings.steps,
      cfgScale: settings.cfg,
      seed,
      width: resolution,
      height: resolution,
      sampler: settings.sampler,
      adapters: session,
    });
    const path = layout.sample(step, index, seed);
    await mkdir(dirname(path), { recursive: true });
    await writeGeneratedPngs(result, [path]);
    paths.push(path);
  }
  session.setProgress(0);
  return paths;
}
