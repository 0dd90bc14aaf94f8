import { join } from 'node:path';
import { loadTextEncoder, loadUnet } from '../../../../src-main/engine/io/model-files';
import type { ClipTextModel } from '../../../../src-main/engine/models/clip';
import type { UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import { goldenDir } from '../../../parity/golden';

/** The tiny golden SD 1.5 (real key names, random weights): UNet and text encoder from the diffusers folder. */
export async function loadTinyModels(): Promise<{ unet: UNet2DConditionModel; textEncoder: ClipTextModel }> {
  const dir = join(goldenDir(), 'models', 'diffusers');
  const [{ model: unet }, { model: textEncoder }] = await Promise.all([loadUnet(join(dir, 'unet')), loadTextEncoder(join(dir, 'text_encoder'))]);
  return { unet, textEncoder };
}
