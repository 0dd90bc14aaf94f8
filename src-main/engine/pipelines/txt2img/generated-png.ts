import { encodePng, formatInfotext, infotextSettings, INFOTEXT_KEYWORD, type InfotextValue } from '../../io/png';
import { writeFileAtomic } from '../../io/atomic-file';
import type { Txt2ImgResult } from './txt2img';

/** What the adapters add to a generation's infotext: `<lora:name:w>` in the prompt, and hash lists. */
export interface InfotextExtras {
  promptSuffix?: string;
  settings?: readonly (readonly [string, InfotextValue])[];
}

export interface GeneratedPng {
  bytes: Uint8Array;
  /** The A1111 `parameters` text inside it. */
  parameters: string;
}

/**
 * Every image of a txt2img result as a PNG carrying A1111's `parameters` (with that image's
 * seed): the one place generation PNGs are made, so the CLI, the studio and training samples
 * write the same files.
 */
export function generatedPngs(result: Txt2ImgResult, extras: InfotextExtras = {}): GeneratedPng[] {
  return result.images.map((image, i) => {
    const settings = infotextSettings({ ...result.settings, seed: result.seeds[i], extra: extras.settings });
    const parameters = formatInfotext({ prompt: result.prompt + (extras.promptSuffix ?? ''), negativePrompt: result.negativePrompt, settings });
    return { bytes: encodePng(image, { text: [{ keyword: INFOTEXT_KEYWORD, text: parameters }] }), parameters };
  });
}

/**
 * Writes image i of a txt2img result to paths[i], atomically: a killed run never leaves a half
 * image that later looks usable.
 */
export async function writeGeneratedPngs(result: Txt2ImgResult, paths: readonly string[], extras: InfotextExtras = {}): Promise<GeneratedPng[]> {
  if (paths.length !== result.images.length) throw new Error(`writeGeneratedPngs: ${paths.length} paths for ${result.images.length} images`);
  const pngs = generatedPngs(result, extras);
  for (const [i, png] of pngs.entries()) await writeFileAtomic(paths[i], png.bytes);
  return pngs;
}
