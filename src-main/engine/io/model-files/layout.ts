import { existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ModelFileError } from './errors';

/**
 * Where weights come from: one original-layout `.safetensors` file, a diffusers pipeline
 * folder (model_index.json, unet/, vae/, text_encoder/ ...), or one component's folder
 * (config.json next to its weights, e.g. a standalone VAE).
 */
export type ModelFileLayout = 'single_file' | 'diffusers' | 'diffusers_component';

export const COMPONENT_FOLDERS = ['unet', 'vae', 'text_encoder'] as const;

// Pickle formats can run arbitrary code when loaded; the engine only reads safetensors.
const PICKLE_EXTENSIONS = new Set(['.ckpt', '.pt', '.pth', '.bin', '.pkl']);

export function detectLayout(path: string): ModelFileLayout {
  if (!existsSync(path)) throw new ModelFileError(`${path} does not exist: give a .safetensors checkpoint or a diffusers folder`);
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'model_index.json'))) return 'diffusers';
    if (COMPONENT_FOLDERS.some((c) => existsSync(join(path, c, 'config.json')))) return 'diffusers';
    if (existsSync(join(path, 'config.json'))) return 'diffusers_component';
    throw new ModelFileError(`${path}: a folder without model_index.json or config.json is not a diffusers model`);
  }
  const extension = extname(path).toLowerCase();
  if (extension === '.safetensors') return 'single_file';
  if (PICKLE_EXTENSIONS.has(extension)) throw pickleError(path);
  throw new ModelFileError(`${path}: unknown checkpoint format '${extension}' (expected a .safetensors file or a diffusers folder)`);
}

export function pickleError(path: string): ModelFileError {
  return new ModelFileError(
    `${path}: pickle checkpoints (.ckpt/.pt/.bin) are not supported, because loading them can run arbitrary code; ` +
      'convert it to .safetensors first (for example with the safetensors convert tool or diffusers\' conversion script)',
  );
}

/** Weight file base names per diffusers component folder (diffusers' and transformers' names). */
const WEIGHT_NAMES = ['diffusion_pytorch_model', 'model'];

/**
 * The weights file of one diffusers component folder: full precision first unless `variant`
 * asks for another (e.g. 'fp16'), then whichever variant exists.
 */
export function componentWeightsFile(folder: string, variant?: string): string {
  const suffixes = variant ? [`.${variant}.safetensors`, '.safetensors'] : ['.safetensors', '.fp16.safetensors'];
  for (const suffix of suffixes) {
    for (const name of WEIGHT_NAMES) {
      const file = join(folder, name + suffix);
      if (existsSync(file)) return file;
    }
  }
  const pickle = WEIGHT_NAMES.flatMap((n) => [`${n}.bin`, `${n}.fp16.bin`]).find((f) => existsSync(join(folder, f)));
  if (pickle) throw pickleError(join(folder, pickle));
  throw new ModelFileError(`${folder}: no ${WEIGHT_NAMES.map((n) => `${n}.safetensors`).join(' or ')} in this component folder`);
}
