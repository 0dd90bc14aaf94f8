import { adaptableLayers, type AdaptableLayer } from '../nn/adaptable';
import type { Module } from '../nn/module';
import { adapterLayerKey, type AdapterComponent, type AdapterLayerKey } from './adapter';

/** The models adapters attach to (either may be absent, e.g. a UNet-only session); module paths are their diffusers names. */
export interface AdapterModels {
  unet?: Module;
  textEncoder?: Module;
}

export const componentModel = (models: AdapterModels, component: AdapterComponent): Module | undefined =>
  component === 'unet' ? models.unet : models.textEncoder;

/** Every adaptable layer (Linear / Conv2d) of the given models by adapter layer key, in model order (unet, then text encoder). */
export function modelLayers(models: AdapterModels): Map<AdapterLayerKey, AdaptableLayer> {
  const layers = new Map<AdapterLayerKey, AdaptableLayer>();
  for (const component of ['unet', 'text_encoder'] as const) {
    const model = componentModel(models, component);
    if (!model) continue;
    for (const [path, layer] of adaptableLayers(model)) layers.set(adapterLayerKey(component, path), layer);
  }
  return layers;
}
