import type { AdapterComponent, AdapterLayerKey } from '../adapter';
import { splitAdapterLayerKey } from '../adapter';
import { modelLayers, type AdapterModels } from '../model-layers';

/**
 * kohya sd-scripts names a module `lora_unet_` / `lora_te_` + its module path with every '.'
 * replaced by '_'. That cannot be inverted by string rules (`to_out_0`, `transformer_blocks`),
 * so names are built forward from the model's own layers and looked up.
 */
export const KOHYA_PREFIXES: Record<AdapterComponent, string> = { unet: 'lora_unet_', text_encoder: 'lora_te_' };

/** Other text-encoder prefixes kohya writes (`lora_te1_`: the first text encoder of SDXL-style files). */
const KOHYA_TEXT_ENCODER_ALIASES = ['lora_te1_'];

export function kohyaName(key: AdapterLayerKey): string {
  const { component, modulePath } = splitAdapterLayerKey(key);
  return KOHYA_PREFIXES[component] + modulePath.replace(/\./g, '_');
}

/** kohya name -> adapter layer key for every adaptable layer of the models (aliases included). */
export function kohyaNameMap(models: AdapterModels): Map<string, AdapterLayerKey> {
  const names = new Map<string, AdapterLayerKey>();
  for (const key of modelLayers(models).keys()) {
    const name = kohyaName(key);
    names.set(name, key);
    if (name.startsWith(KOHYA_PREFIXES.text_encoder)) {
      const rest = name.slice(KOHYA_PREFIXES.text_encoder.length);
      for (const alias of KOHYA_TEXT_ENCODER_ALIASES) names.set(alias + rest, key);
    }
  }
  return names;
}
