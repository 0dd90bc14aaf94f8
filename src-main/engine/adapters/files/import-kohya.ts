import type { SafetensorsReader } from '../../io/safetensors';
import type { Adapter } from '../adapter';
import { kohyaNameMap } from './kohya-names';
import { readLoraPairs, type LoraPair } from './lora-pairs';
import type { AdapterModels } from '../model-layers';

const KOHYA_TENSOR = /^([^.]+)\.(lora_down\.weight|lora_up\.weight|alpha)$/;

/**
 * A kohya sd-scripts LoRA / LoCon file (`lora_unet_*`, `lora_te_*`, `lora_te1_*` modules with
 * `.lora_down.weight`, `.lora_up.weight` and a 0-d `.alpha`). Module names are resolved by
 * looking them up among the kohya names of the model's own layers.
 */
export function importKohya(reader: SafetensorsReader, models: AdapterModels, name: string): Promise<Adapter> {
  const names = kohyaNameMap(models);
  const pairs = new Map<string, LoraPair>();
  for (const key of reader.keys()) {
    const match = KOHYA_TENSOR.exec(key);
    if (!match) continue; // detectStyle has already refused files with other keys
    const [, module, tensor] = match;
    const pair = pairs.get(module) ?? { name: module, layer: names.get(module) };
    if (tensor === 'lora_down.weight') pair.downKey = key;
    else if (tensor === 'lora_up.weight') pair.upKey = key;
    else pair.alphaKey = key;
    pairs.set(module, pair);
  }
  return readLoraPairs(reader, [...pairs.values()], models, name);
}
