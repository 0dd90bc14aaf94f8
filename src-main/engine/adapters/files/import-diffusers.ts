import type { SafetensorsReader } from '../../io/safetensors';
import type { Adapter } from '../adapter';
import { parseDiffusersKey } from './diffusers-keys';
import { readLoraPairs, type LoraPair } from './lora-pairs';
import { modelLayers, type AdapterModels } from '../model-layers';

/**
 * A diffusers / PEFT LoRA file (`lora_A` / `lora_B`, `.lora.down` / `.lora.up`, attention-processor
 * `to_q_lora.down` ...; `network_alphas` as `<module>.alpha`). Module paths are the model's
 * own, so they are checked against its layers directly.
 */
export function importDiffusers(reader: SafetensorsReader, models: AdapterModels, name: string): Promise<Adapter> {
  const layers = modelLayers(models);
  const pairs = new Map<string, LoraPair>();
  for (const key of reader.keys()) {
    const parsed = parseDiffusersKey(key);
    if (!parsed) continue; // detectStyle has already refused files with other keys
    const pair = pairs.get(parsed.layer) ?? { name: parsed.layer, layer: layers.has(parsed.layer) ? parsed.layer : undefined };
    if (parsed.role === 'down') pair.downKey = key;
    else if (parsed.role === 'up') pair.upKey = key;
    else pair.alphaKey = key;
    pairs.set(parsed.layer, pair);
  }
  return readLoraPairs(reader, [...pairs.values()], models, name);
}
