import type { ModelKind } from '../../storage';

/** Where a model's weights are laid out, as the engine's loaders name them (plus adapter and tokenizer formats). */
export type ModelFormat =
  | 'single_file'
  | 'diffusers'
  | 'diffusers_component'
  | 'kohya'
  | 'diffusers_lora'
  | 'styleinject'
  | 'clip_tokenizer'
  | 'openai_bpe';

/**
 * What inspecting a model's headers (never its weights) found. `details` lands in the
 * library's `detected` column; `notes` are sentences for the user (v-prediction, a reduced
 * test-size model, no VAE inside ...).
 */
export interface ModelDetection {
  kind: ModelKind;
  format: ModelFormat;
  details: Record<string, unknown>;
  notes: string[];
}

export type PredictionType = 'epsilon' | 'v_prediction';

/** SD 1.5's cross-attention (CLIP ViT-L/14) width; 1024 is SD 2.x's OpenCLIP, 2048 SDXL's two encoders. */
export const SD15_CONTEXT_WIDTH = 768;

/** The reason a context width rules a model out, or null if it may be SD 1.5 (scaled-down test models included). */
export function foreignContextWidth(width: number): string | null {
  if (width === 1024) return 'a Stable Diffusion 2.x model (1024-wide cross-attention context, OpenCLIP ViT-H)';
  if (width === 2048) return 'an SDXL model (2048-wide cross-attention context from two text encoders)';
  return null;
}

export function predictionNote(prediction: PredictionType, source: string): string[] {
  return prediction === 'v_prediction' ? [`v-prediction model (${source}): samplers and training use the v objective`] : [];
}
