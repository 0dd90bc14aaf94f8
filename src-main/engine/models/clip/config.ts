/**
 * CLIP text encoder hyper-parameters, named exactly as transformers' `config.json` names them
 * so that a diffusers `text_encoder/config.json` can be read without renaming.
 */
export type ClipHiddenAct = 'quick_gelu' | 'gelu';

export interface ClipTextConfig {
  hidden_size: number;
  intermediate_size: number;
  num_attention_heads: number;
  num_hidden_layers: number;
  max_position_embeddings: number;
  vocab_size: number;
  hidden_act: ClipHiddenAct;
  layer_norm_eps: number;
  bos_token_id: number;
  eos_token_id: number;
  pad_token_id: number;
}

/**
 * Stable Diffusion 1.5's text encoder (openai/clip-vit-large-patch14). The special-token ids are
 * the legacy values its config.json really carries (0/2/1), not the tokenizer's 49406/49407:
 * transformers recognises eos_token_id 2 as "legacy" and pools at argmax(input_ids) instead.
 */
export const sd15ClipTextConfig: Readonly<ClipTextConfig> = Object.freeze({
  hidden_size: 768,
  intermediate_size: 3072,
  num_attention_heads: 12,
  num_hidden_layers: 12,
  max_position_embeddings: 77,
  vocab_size: 49408,
  hidden_act: 'quick_gelu',
  layer_norm_eps: 1e-5,
  bos_token_id: 0,
  eos_token_id: 2,
  pad_token_id: 1,
});

const integerKeys = [
  'hidden_size',
  'intermediate_size',
  'num_attention_heads',
  'num_hidden_layers',
  'max_position_embeddings',
  'vocab_size',
  'bos_token_id',
  'eos_token_id',
  'pad_token_id',
] as const;

/**
 * Reads a transformers CLIPTextConfig (a parsed config.json). Missing keys take SD 1.5's values;
 * present keys are validated, and unknown keys (architectures, dropout, ...) are ignored.
 */
export function clipTextConfigFrom(json: unknown): ClipTextConfig {
  if (typeof json !== 'object' || json === null) throw new Error('CLIP text config: expected a JSON object');
  const raw = json as Record<string, unknown>;
  const config: ClipTextConfig = { ...sd15ClipTextConfig };
  for (const key of integerKeys) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new Error(`CLIP text config: ${key} must be a non-negative integer, got ${JSON.stringify(value)}`);
    }
    config[key] = value;
  }
  if (raw.layer_norm_eps !== undefined) {
    if (typeof raw.layer_norm_eps !== 'number' || !(raw.layer_norm_eps > 0)) {
      throw new Error(`CLIP text config: layer_norm_eps must be a positive number, got ${JSON.stringify(raw.layer_norm_eps)}`);
    }
    config.layer_norm_eps = raw.layer_norm_eps;
  }
  if (raw.hidden_act !== undefined) {
    if (raw.hidden_act !== 'quick_gelu' && raw.hidden_act !== 'gelu') {
      throw new Error(`CLIP text config: hidden_act ${JSON.stringify(raw.hidden_act)} is not supported (quick_gelu or gelu)`);
    }
    config.hidden_act = raw.hidden_act;
  }
  for (const key of ['hidden_size', 'intermediate_size', 'num_attention_heads', 'num_hidden_layers', 'max_position_embeddings', 'vocab_size'] as const) {
    if (config[key] === 0) throw new Error(`CLIP text config: ${key} must be positive`);
  }
  if (config.hidden_size % config.num_attention_heads !== 0) {
    throw new Error(`CLIP text config: hidden_size ${config.hidden_size} is not divisible by num_attention_heads ${config.num_attention_heads}`);
  }
  return config;
}
