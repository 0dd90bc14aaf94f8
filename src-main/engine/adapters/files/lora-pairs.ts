import type { SafetensorsReader } from '../../io/safetensors';
import { disposeAdapter, type Adapter, type AdapterLayerKey } from '../adapter';
import { AdapterFileError } from './errors';
import { loraLayerFor } from './lora-layer';
import { firstFew } from '../../text/first-few';
import { modelLayers, type AdapterModels } from '../model-layers';

/** One module of a community LoRA file: where its tensors are and which model layer it names. */
export interface LoraPair {
  /** The module's name as the file spells it (for messages). */
  name: string;
  /** The model layer it resolves to; undefined when the model has no such module. */
  layer?: AdapterLayerKey;
  downKey?: string;
  upKey?: string;
  alphaKey?: string;
}

/**
 * Reads the pairs into a plain LoRA adapter (method lora, K 1, no DMA/STA). Every pair must
 * resolve to a layer of `models` and have both down and up; all problems are found from the
 * header before any tensor is read. On error nothing stays allocated.
 */
export async function readLoraPairs(
  reader: SafetensorsReader,
  pairs: LoraPair[],
  models: AdapterModels,
  name: string,
): Promise<Adapter> {
  const path = reader.path;
  if (pairs.length === 0) throw new AdapterFileError(path, undefined, 'holds no LoRA modules');
  const unknown = pairs.filter((p) => !p.layer).map((p) => p.name);
  if (unknown.length > 0) {
    throw new AdapterFileError(path, unknown[0], `${unknown.length} of ${pairs.length} modules are not in the loaded model: ${firstFew(unknown)}`);
  }
  const incomplete = pairs.find((p) => !p.downKey || !p.upKey);
  if (incomplete) throw new AdapterFileError(path, incomplete.name, `has ${incomplete.downKey ? 'no up' : 'no down'} weight`);
  const layers = modelLayers(models);
  const adapter: Adapter = { name, config: { method: 'lora', rank: 0, alpha: 0, k: 1, dma: false, sta: false, targets: [] }, layers: new Map(), metadata: { ...reader.metadata } };
  try {
    for (const pair of pairs) {
      const key = pair.layer as AdapterLayerKey;
      if (adapter.layers.has(key)) throw new AdapterFileError(path, pair.name, `names the same layer as another module (${key})`);
      const alpha = pair.alphaKey ? await reader.readWeightScalar(pair.alphaKey) : undefined;
      const down = await reader.readWeights(pair.downKey as string);
      const up = await reader.readWeights(pair.upKey as string).catch((error: unknown) => {
        down.dispose();
        throw error;
      });
      try {
        adapter.layers.set(key, loraLayerFor(layers.get(key) as NonNullable<ReturnType<typeof layers.get>>, down, up, alpha));
      } catch (cause) {
        throw new AdapterFileError(path, pair.name, (cause as Error).message, { cause });
      }
    }
  } catch (error) {
    disposeAdapter(adapter);
    throw error;
  }
  // The adapter-wide rank and alpha: the first layer's (community files usually share one).
  const first = adapter.layers.values().next().value as NonNullable<ReturnType<typeof adapter.layers.get>>;
  adapter.config.rank = (first.up.shape as number[])[1];
  adapter.config.alpha = first.alpha;
  return adapter;
}
