import { resolveConfigOption, type ComponentName, type ConfigOption, type RawConfigs } from '../../io/model-files';
import { ModelConfigNeededError, ModelFileError } from '../../io/model-files/errors';
import { prepareComponent } from '../../io/model-files/prepare-component';
import { ReaderPool } from '../../io/model-files/reader-pool';
import { ClipTextModel, sd15ClipTextConfig } from '../../models/clip';
import { SD15_UNET_CONFIG, UNet2DConditionModel } from '../../models/unet';
import type { AdapterModels } from '../base';

/** SD 1.5's UNet and text encoder, shapes only: building a model from a config allocates no weights. */
export function sd15Shapes(): AdapterModels {
  return { unet: new UNet2DConditionModel(SD15_UNET_CONFIG), textEncoder: new ClipTextModel({ ...sd15ClipTextConfig }) };
}

/**
 * The UNet and (when the checkpoint has one) text encoder of a checkpoint, shapes only: the
 * loader's header checks and config inference run, no tensor data is read. `config` as the
 * loader's option (for what shapes cannot tell).
 */
export async function modelFileShapes(path: string, config?: ConfigOption): Promise<AdapterModels> {
  const configs: RawConfigs = config ? resolveConfigOption(config) : {};
  const readers = new ReaderPool();
  const prepare = (name: ComponentName) => prepareComponent(name, path, { config: configs[name] }, readers);
  try {
    const unet = await prepare('unet');
    const textEncoder = await prepare('text_encoder').catch((error: unknown) => {
      // A UNet-only file: counting UNet targets still works. A text encoder that needs its config says so.
      if (error instanceof ModelFileError && !(error instanceof ModelConfigNeededError)) return undefined;
      throw error;
    });
    return { unet: unet.model, textEncoder: textEncoder?.model };
  } finally {
    await readers.closeAll();
  }
}
