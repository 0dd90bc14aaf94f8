import { infotextSettings, encodePngWithInfotext } from '../../io/png';
import type { Txt2ImgResult } from '../../pipelines/txt2img';
import { writeFileAtomic } from '../../io/atomic-file';

/**
 * Writes image i of a txt2img result to paths[i] as a PNG with its A1111 parameters (seed of
 * that image), atomically: a killed run never leaves a half image that later looks usable.
 */
export async function writeGeneratedPngs(result: Txt2ImgResult, paths: readonly string[]): Promise<void> {
  if (paths.length !== result.images.length) throw new Error(`writeGeneratedPngs: ${paths.length} paths for ${result.images.length} images`);
  for (const [i, image] of result.images.entries()) {
    const settings = infotextSettings({ ...result.settings, seed: result.seeds[i] });
    await writeFileAtomic(paths[i], encodePngWithInfotext(image, { prompt: result.prompt, negativePrompt: result.negativePrompt, settings }));
  }
}
