import { join } from 'node:path';
import { initBackend } from '../../../../src-main/engine/backend';
import { loadModelFiles, type LoadedModelFiles } from '../../../../src-main/engine/io/model-files';
import { ClipTextModel, clipTextConfigFrom } from '../../../../src-main/engine/models/clip';
import { UNet2DConditionModel, unetConfigFrom } from '../../../../src-main/engine/models/unet';
import { goldenDir, loadCase } from '../../../parity/golden';

/** The golden kohya LoRA case: its file and its manifest (configs of the tiny SD 1.5 models). */
export const loraCase = () => loadCase('lora_kohya', goldenDir());
export const goldenLoraFile = () => join(goldenDir(), 'lora_kohya', 'lora.safetensors');

/** The tiny UNet and text encoder built from the case's configs: module names and shapes only, no weights. */
export function tinyShapesOnly(): { unet: UNet2DConditionModel; textEncoder: ClipTextModel } {
  const config = loraCase().manifest.config as Record<'unet' | 'text_encoder', Record<string, unknown>>;
  return { unet: new UNet2DConditionModel(unetConfigFrom(config.unet)), textEncoder: new ClipTextModel(clipTextConfigFrom(config.text_encoder)) };
}

/** The tiny models with their golden weights (diffusers folder), on the wasm backend. */
export async function tinyLoaded(): Promise<LoadedModelFiles> {
  await initBackend({ force: 'wasm' });
  return loadModelFiles(join(goldenDir(), 'models', 'diffusers'), { components: ['unet', 'text_encoder'] });
}
