import type { AdaptableLayer } from '../nn/adaptable';
import type { AdapterLayerKey, AdapterLayerState, AdapterMethod } from './adapter';
import type { AdapterLayer } from './base';
import { LoraLayer } from './lora/layer';
import { StyleInjectLayer } from './styleinject/layer';

/** The runtime layer of one adapter method on one base layer (shapes checked by the caller: layerStateProblems). */
export function createAdapterLayer(method: AdapterMethod, key: AdapterLayerKey, state: AdapterLayerState, base: AdaptableLayer): AdapterLayer {
  return method === 'lora' ? new LoraLayer(key, state, base) : new StyleInjectLayer(key, state, base);
}
