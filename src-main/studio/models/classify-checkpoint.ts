import { foreignContextWidth, predictionNote, SD15_CONTEXT_WIDTH, type ModelDetection } from './detection';
import { declaredPrediction } from './prediction-type';
import type { SafetensorsHeaderInfo } from './read-header';

const UNET = 'model.diffusion_model.';
const CLIP_TEXT = 'cond_stage_model.transformer.';
const VAE = 'first_stage_model.';

/**
 * An original-layout (ldm) single-file checkpoint: SD 1.5 keeps its CLIP text encoder under
 * `cond_stage_model.transformer.`, conv 1x1 transformer projections and a 4-channel UNet
 * input. Returns a refusal reason or the detection.
 */
export function classifyCheckpoint(header: SafetensorsHeaderInfo): ModelDetection | string {
  const { keys, shapes } = header;
  const contextWidth = shapes.get(keys.find((k) => k.startsWith(UNET) && k.endsWith('attn2.to_k.weight')) ?? '')?.[1];
  if (contextWidth === undefined) return 'a UNet without cross-attention (no attn2.to_k weights): not a text-to-image SD 1.5 checkpoint';
  const foreign = foreignContextWidth(contextWidth);
  if (foreign) return foreign;
  if (keys.some((k) => k.startsWith(UNET) && k.endsWith('proj_in.weight') && shapes.get(k)!.length === 2)) {
    return 'a Stable Diffusion 2.x-style UNet (linear transformer projections, where SD 1.5 uses 1x1 convolutions)';
  }
  const inChannels = shapes.get(`${UNET}input_blocks.0.0.weight`)?.[1];
  if (inChannels !== 4) {
    const kind = inChannels === 9 ? 'an inpainting model' : inChannels === 8 ? 'an InstructPix2Pix model' : 'a UNet';
    return `${kind} (${inChannels ?? 'unknown'} UNet input channels): text-to-image and training need SD 1.5's 4-channel UNet`;
  }
  const tokenEmbedding = keys.find((k) => k.startsWith(CLIP_TEXT) && k.endsWith('embeddings.token_embedding.weight'));
  if (!tokenEmbedding) return `no CLIP text encoder inside (${CLIP_TEXT}*): the studio needs a full SD 1.5 checkpoint`;
  const [textVocabSize, textWidth] = shapes.get(tokenEmbedding)!;
  if (textWidth !== contextWidth) return `its text encoder is ${textWidth} wide but its UNet attends to a ${contextWidth}-wide context`;

  const { prediction, source } = declaredPrediction(header);
  const hasVae = keys.some((k) => k.startsWith(VAE));
  const notes = [
    ...predictionNote(prediction, source),
    ...(hasVae ? [] : ['no VAE inside: pick a VAE from the library to generate with it']),
    ...(contextWidth === SD15_CONTEXT_WIDTH ? [] : [`a reduced-size SD 1.5 layout (${contextWidth}-wide context), such as a test model`]),
  ];
  return {
    kind: 'checkpoint',
    format: 'single_file',
    details: { architecture: 'sd15', contextWidth, textVocabSize, prediction, hasVae, dtype: header.dtypes.get(`${UNET}input_blocks.0.0.weight`) },
    notes,
  };
}
