import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { foreignContextWidth, predictionNote, SD15_CONTEXT_WIDTH, type ModelDetection, type PredictionType } from './detection';
import { ModelRefusedError } from './errors';
import { readJsonConfig } from './read-json-config';
import { tokenizerFilesIn } from './tokenizer-files';

const PIPELINE_PARTS = ['unet', 'vae', 'text_encoder'];

/**
 * A folder: a diffusers SD 1.5 pipeline (model_index.json), a standalone VAE component
 * (config.json of an AutoencoderKL), or a CLIP tokenizer. Only JSON configs are read.
 */
export function inspectFolder(folder: string): ModelDetection {
  const refuse = (reason: string) => new ModelRefusedError(folder, reason);
  const index = readJsonConfig(folder, join(folder, 'model_index.json'));
  if (index) return inspectPipeline(folder, index, refuse);
  const config = readJsonConfig(folder, join(folder, 'config.json'));
  if (config?._class_name === 'AutoencoderKL') return inspectVaeFolder(config, refuse);
  if (config) throw refuse(`a lone ${String(config._class_name ?? 'model component')} folder: add the whole diffusers pipeline folder (with model_index.json) instead`);
  const tokenizer = tokenizerFilesIn(folder);
  if (tokenizer) return { kind: 'tokenizer', format: tokenizer.format, details: { files: tokenizer.files.length }, notes: [] };
  throw refuse('neither a diffusers model folder (model_index.json), a VAE folder (config.json) nor a CLIP tokenizer (vocab.json + merges.txt)');
}

function inspectPipeline(folder: string, index: Record<string, unknown>, refuse: (reason: string) => Error): ModelDetection {
  const pipeline = String(index._class_name ?? '');
  if (/XL/.test(pipeline)) throw refuse(`an SDXL pipeline (${pipeline}); this studio works with Stable Diffusion 1.5 only`);
  const missing = PIPELINE_PARTS.filter((part) => !existsSync(join(folder, part, 'config.json')));
  if (missing.length > 0) throw refuse(`a diffusers folder without ${missing.map((m) => `${m}/config.json`).join(', ')}`);
  const unet = readJsonConfig(folder, join(folder, 'unet', 'config.json'))!;
  const contextWidth = Number(unet.cross_attention_dim);
  const foreign = foreignContextWidth(contextWidth);
  if (foreign) throw refuse(`${foreign}; this studio works with Stable Diffusion 1.5 only`);
  if (unet.use_linear_projection === true) throw refuse('a Stable Diffusion 2.x-style UNet (use_linear_projection); this studio works with Stable Diffusion 1.5 only');
  if (unet.in_channels !== 4) throw refuse(`a UNet with ${String(unet.in_channels)} input channels (inpainting or image-conditioned); text-to-image and training need 4`);
  const scheduler = readJsonConfig(folder, join(folder, 'scheduler', 'scheduler_config.json'));
  const prediction: PredictionType = scheduler?.prediction_type === 'v_prediction' ? 'v_prediction' : 'epsilon';
  const hasTokenizer = tokenizerFilesIn(join(folder, 'tokenizer')) !== undefined;
  return {
    kind: 'checkpoint',
    format: 'diffusers',
    details: { architecture: 'sd15', pipeline, contextWidth, prediction, hasVae: true, hasTokenizer },
    notes: [
      ...predictionNote(prediction, 'scheduler_config.json prediction_type'),
      ...(hasTokenizer ? [] : ['no tokenizer/ folder: pick a CLIP tokenizer for it']),
      ...(contextWidth === SD15_CONTEXT_WIDTH ? [] : [`a reduced-size SD 1.5 layout (${contextWidth}-wide context), such as a test model`]),
    ],
  };
}

function inspectVaeFolder(config: Record<string, unknown>, refuse: (reason: string) => Error): ModelDetection {
  const latentChannels = Number(config.latent_channels ?? 4);
  if (latentChannels !== 4) throw refuse(`a VAE with ${latentChannels} latent channels; SD 1.5 uses 4`);
  return { kind: 'vae', format: 'diffusers_component', details: { architecture: 'sd15-vae', latentChannels }, notes: [] };
}
