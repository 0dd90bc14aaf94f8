import type { ModelSpec } from '../engine';
import { UsageError, type OptionSpec, type OptionValues } from './command';
import { text } from './option-values';

/** The flags naming a base model, for every command that loads one: spread into its `options`. */
export const modelOptions: OptionSpec = {
  model: { type: 'string' },
  config: { type: 'string' },
  tokenizer: { type: 'string' },
  vae: { type: 'string' },
};

export const modelHelp = [
  '--model <path>       single-file .safetensors checkpoint or diffusers folder',
  '--config <path>      diffusers folder or config JSON for what shapes cannot tell (head count, norm groups)',
  "--tokenizer <path>   CLIP tokenizer folder (vocab.json + merges.txt) or bpe_simple_vocab_16e6.txt.gz; default: the model folder's tokenizer/",
  "--vae <path>         use this VAE instead of the checkpoint's",
];

/** The model the flags name; --model is required. */
export function modelFromFlags(values: OptionValues): ModelSpec {
  const path = text(values, 'model');
  if (!path) throw new UsageError('--model is required');
  return { path, config: text(values, 'config'), tokenizer: text(values, 'tokenizer'), vae: text(values, 'vae') };
}
