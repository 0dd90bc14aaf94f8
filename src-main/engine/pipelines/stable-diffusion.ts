import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { detectLayout, loadModelFiles, type LoadedModelFiles, type LoadModelFilesOptions } from '../io/model-files';
import type { ClipTextModel } from '../models/clip';
import type { UNet2DConditionModel } from '../models/unet/unet-2d-condition';
import type { AutoencoderKL } from '../models/vae/autoencoder-kl';
import { resolveConfig, type SchedulerConfig } from '../schedulers';
import { loadClipTokenizer, type ClipTokenizer } from '../tokenizer';
import { badInput } from '../errors';

export interface LoadStableDiffusionOptions extends Pick<LoadModelFilesOptions, 'config' | 'vaePath' | 'textEncoderPath' | 'variant'> {
  /** A tokenizer folder (vocab.json + merges.txt) or OpenAI's bpe .gz; default: the model folder's `tokenizer/`. */
  tokenizerPath?: string;
}

/** Everything txt2img needs, loaded and checked against each other. dispose() frees the weights. */
export interface StableDiffusion {
  unet: UNet2DConditionModel;
  vae: AutoencoderKL;
  textEncoder: ClipTextModel;
  tokenizer: ClipTokenizer;
  schedulerConfig: SchedulerConfig;
  /** A1111's "Model" (file or folder name) and "Model hash" (first 10 hex digits of the weights' SHA-256). */
  name: string;
  hash: string;
  /** Where each component's weights live, and why (see nn/weight-residency). */
  residency: LoadedModelFiles['residency'];
  dispose(): void;
}

/** Loads a single-file checkpoint or diffusers folder plus its tokenizer, ready for generation. */
export async function loadStableDiffusion(path: string, options: LoadStableDiffusionOptions = {}): Promise<StableDiffusion> {
  // The path and then the tokenizer are checked first: both are cheap, and a mistake there
  // should fail before gigabytes load (and a missing model is not a tokenizer problem).
  detectLayout(path);
  const tokenizer = loadClipTokenizer(options.tokenizerPath ?? defaultTokenizerPath(path));
  const checkpoint = await loadModelFiles(path, { ...options, hash: true });
  const { unet, vae, textEncoder } = checkpoint;
  try {
    if (!unet || !vae || !textEncoder) throw badInput(`${path}: the checkpoint lacks a UNet, VAE or text encoder`);
    const vocab = textEncoder.config.vocab_size;
    const largest = Math.max(tokenizer.bosId, tokenizer.eosId, tokenizer.padId, tokenizer.vocabSize - 1);
    if (largest >= vocab) {
      throw badInput(
        `the tokenizer (${tokenizer.vocabSize} tokens, ids up to ${largest}) does not fit the text encoder's vocabulary of ${vocab}: ` +
          'pass the tokenizer that belongs to this model (--tokenizer)',
      );
    }
    return {
      unet,
      vae,
      textEncoder,
      tokenizer,
      schedulerConfig: readSchedulerConfig(path),
      name: modelName(path),
      hash: (checkpoint.source.hash ?? '').slice(0, 10),
      residency: checkpoint.residency,
      dispose: () => checkpoint.dispose(),
    };
  } catch (error) {
    checkpoint.dispose();
    throw error;
  }
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function defaultTokenizerPath(path: string): string {
  const own = join(isFolder(path) ? path : dirname(path), isFolder(path) ? 'tokenizer' : '');
  if (isFolder(path) && existsSync(own)) return own;
  throw badInput(
    `${path}: ${isFolder(path) ? 'the folder has no tokenizer/' : 'a single-file checkpoint carries no tokenizer'}; ` +
      'pass a CLIP tokenizer folder (vocab.json + merges.txt) or bpe_simple_vocab_16e6.txt.gz with --tokenizer',
  );
}

/** A diffusers folder's scheduler/scheduler_config.json over SD 1.5's schedule; SD 1.5's for single files. */
function readSchedulerConfig(path: string): SchedulerConfig {
  const file = join(path, 'scheduler', 'scheduler_config.json');
  if (!isFolder(path) || !existsSync(file)) return resolveConfig();
  try {
    return resolveConfig(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw badInput(`${file}: ${(error as Error).message}`);
  }
}

function modelName(path: string): string {
  return basename(path.replace(/[\\/]+$/, '')).replace(/\.safetensors$/i, '');
}
