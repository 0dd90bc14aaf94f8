import { mkdir, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { StableDiffusion } from '../../pipelines/stable-diffusion';
import { txt2img } from '../../pipelines/txt2img';
import { IMAGE_EXTENSIONS } from '../data';
import { writeGeneratedPngs } from '../../pipelines/txt2img/generated-png';

export interface PriorImageRequest {
  /** The class folder: existing images are used first, new ones are saved here. */
  folder: string;
  /** The class prompt ("a photo of a dog"). */
  prompt: string;
  count: number;
  /** Square size of generated images. */
  resolution: number;
  /** Image i (counting the folder's existing images) uses seed + i. */
  seed: number;
  steps: number;
  cfgScale: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * DreamBooth's class-prior images: the folder's images (sorted by name) and, when it holds fewer
 * than asked, new ones from the base model with txt2img, saved there as PNGs with their
 * parameters so the next run (or a resume) reuses them instead of generating again.
 * Call it before any adapter is attached: the priors must come from the base model.
 * Returns the first `count` image paths.
 */
export async function ensurePriorImages(sd: StableDiffusion, request: PriorImageRequest): Promise<string[]> {
  await mkdir(request.folder, { recursive: true });
  const existing = await listImages(request.folder);
  const missing = Math.max(0, request.count - existing.length);
  const generated: string[] = [];
  for (let i = 0; i < missing; i++) {
    request.signal?.throwIfAborted();
    const index = existing.length + i;
    const seed = (request.seed + index) % 2 ** 32;
    const result = await txt2img(sd, {
      prompt: request.prompt,
      steps: request.steps,
      cfgScale: request.cfgScale,
      seed,
      width: request.resolution,
      height: request.resolution,
      signal: request.signal,
    });
    // Zero-padded so name order is generation order; the seed in the name makes each one traceable.
    const path = join(request.folder, `prior-${String(index).padStart(5, '0')}-seed${seed}.png`);
    await writeGeneratedPngs(result, [path]);
    generated.push(path);
    request.onProgress?.(i + 1, missing);
  }
  return [...existing, ...generated].slice(0, request.count);
}

async function listImages(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && IMAGE_EXTENSIONS.includes(extname(e.name).toLowerCase()))
    .map((e) => join(folder, e.name))
    .sort();
}
