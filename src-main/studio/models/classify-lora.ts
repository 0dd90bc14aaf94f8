import { AdapterFileError, detectStyle } from '../../engine';
import { foreignContextWidth, predictionNote, type ModelDetection, type ModelFormat } from './detection';
import { ModelRefusedError } from './errors';
import { declaredPrediction } from './prediction-type';
import type { SafetensorsHeaderInfo } from './read-header';

const FORMATS = { kohya: 'kohya', diffusers: 'diffusers_lora', styleinject: 'styleinject' } as const satisfies Record<string, ModelFormat>;

// The down projection feeding a cross-attention key: its input width is the text context's.
const CONTEXT_KEY = /attn2[._](processor[._])?to_k.*(lora_down|lora_A|[._]down)\.weight$/;

/**
 * A community LoRA (kohya or diffusers/PEFT) or one of ours, by the engine's own key
 * sniffing; then refused if its metadata or its cross-attention widths say SDXL or SD 2.x.
 */
export function classifyLora(path: string, header: SafetensorsHeaderInfo): ModelDetection | string {
  let style;
  try {
    style = detectStyle(path, header.keys, header.metadata);
  } catch (error) {
    // Not an architecture question (a LoHa, an unknown file): the engine's reason stands alone.
    if (error instanceof AdapterFileError) throw new ModelRefusedError(path, `not an SD 1.5 checkpoint, VAE or a LoRA this studio reads (${error.message})`);
    throw error;
  }
  const base = header.metadata.ss_base_model_version?.toLowerCase() ?? '';
  if (base.startsWith('sdxl')) return `a LoRA trained for SDXL (metadata ss_base_model_version = ${base})`;
  if (base.startsWith('sd_v2') || header.metadata.ss_v2?.toLowerCase() === 'true') return 'a LoRA trained for Stable Diffusion 2.x (kohya metadata says v2)';
  const contextKey = header.keys.find((k) => CONTEXT_KEY.test(k));
  const contextWidth = contextKey ? header.shapes.get(contextKey)![1] : undefined;
  const foreign = contextWidth === undefined ? null : foreignContextWidth(contextWidth);
  if (foreign) return `a LoRA made for ${foreign}`;
  const { prediction, source } = declaredPrediction(header);
  return {
    kind: 'lora',
    format: FORMATS[style],
    details: { architecture: 'sd15', style, ...(contextWidth !== undefined && { contextWidth }), prediction, tensors: header.keys.length },
    notes: predictionNote(prediction, source),
  };
}
