import { writeSafetensors, type TensorToWrite, type WritableDtype } from '../../io/safetensors';
import { splitAdapterLayerKey, type Adapter } from '../adapter';
import { AdapterFileError } from './errors';
import { CONFIG_METADATA_KEYS, FORMAT_NAME, FORMAT_VERSION, tensorKey } from './format';
import { layerGeometry } from '../layer-shapes';
import { scalarToWrite, tensorToWrite } from './tensor-to-write';

export interface SaveAdapterOptions {
  /** F32 (default, round-trips exactly) or F16 (half the size). */
  dtype?: WritableDtype;
}

/**
 * Writes an adapter in our format (see format.ts), atomically: an existing file at `path` is
 * replaced only once the new one is completely on disk. `extraMetadata` (base model, training
 * settings ...) is added to the adapter's own metadata; the config keys are always written
 * from `adapter.config`.
 */
export async function saveAdapter(
  path: string,
  adapter: Adapter,
  extraMetadata: Record<string, string> = {},
  options: SaveAdapterOptions = {},
): Promise<void> {
  const reserved = Object.keys(extraMetadata).filter((key) => (CONFIG_METADATA_KEYS as readonly string[]).includes(key));
  if (reserved.length > 0) {
    throw new AdapterFileError(path, undefined, `metadata ${reserved.join(', ')} comes from the adapter's config and cannot be set directly`);
  }
  if (adapter.layers.size === 0) throw new AdapterFileError(path, undefined, `adapter '${adapter.name}' has no layers to save`);
  const metadata = { created: new Date().toISOString(), ...adapter.metadata, ...extraMetadata, ...configMetadata(adapter) };
  await writeSafetensors(path, await adapterTensors(path, adapter), { metadata, dtype: options.dtype });
}

function configMetadata(adapter: Adapter): Record<(typeof CONFIG_METADATA_KEYS)[number], string> {
  const { config } = adapter;
  return {
    format: FORMAT_NAME,
    format_version: String(FORMAT_VERSION),
    name: adapter.name,
    method: config.method,
    rank: String(config.rank),
    k: String(config.k),
    alpha: String(config.alpha),
    dma: String(config.dma),
    sta: String(config.sta),
    targets: JSON.stringify(config.targets),
  };
}

/** Every layer's tensors under their keys, after checking each layer fits the config. */
async function adapterTensors(path: string, adapter: Adapter): Promise<Map<string, TensorToWrite>> {
  const tensors = new Map<string, TensorToWrite>();
  const { k, dma, sta } = adapter.config;
  for (const [key, layer] of adapter.layers) {
    const { component, modulePath } = splitAdapterLayerKey(key);
    try {
      layerGeometry({ down: layer.down.shape, up: layer.up.shape, router: layer.router?.shape, gamma: layer.gamma?.shape }, k);
      if (dma !== Boolean(layer.router)) throw new Error(`DMA is ${dma ? 'on' : 'off'} but the layer ${layer.router ? 'has' : 'lacks'} a router`);
      if (sta !== Boolean(layer.gamma)) throw new Error(`STA is ${sta ? 'on' : 'off'} but the layer ${layer.gamma ? 'has' : 'lacks'} gamma`);
    } catch (cause) {
      throw new AdapterFileError(path, key, `cannot save: ${(cause as Error).message}`, { cause });
    }
    tensors.set(tensorKey(component, modulePath, 'down'), await tensorToWrite(layer.down));
    tensors.set(tensorKey(component, modulePath, 'up'), await tensorToWrite(layer.up));
    if (layer.router) tensors.set(tensorKey(component, modulePath, 'router'), await tensorToWrite(layer.router));
    if (layer.gamma) tensors.set(tensorKey(component, modulePath, 'gamma'), await tensorToWrite(layer.gamma));
    tensors.set(tensorKey(component, modulePath, 'alpha'), scalarToWrite(layer.alpha));
  }
  return tensors;
}
