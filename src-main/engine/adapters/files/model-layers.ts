import { adaptableLayers, type AdaptableLayer } from '../../nn/adaptable';
import type { Module } from '../../nn/module';
import { adapterLayerKey, type AdapterComponent, type AdapterLayerKey } from '../adapter';

/** The models an adapter applies to (either may be absent, e.g. a UNet-only session). */
export interface ModelsToAdapt {
  unet?: Module;
  textEncoder?: Module;
}

export const componentModel = (models: ModelsToAdapt, component: AdapterComponent): Module | undefined =>
  component === 'unet' ? models.unet : models.textEncoder;

/** Every adaptable layer (Linear / Conv2d) of the given models, by adapter layer key. */
export function modelLayers(models: ModelsToAdapt): Map<AdapterLayerKey, AdaptableLayer> {
  const layers = new Map<AdapterLayerKey, AdaptableLayer>();
  for (const component of ['unet', 'text_encoder'] as const) {
    const model = componentModel(models, component);
    if (!model) continue;
    for (const [path, layer] of adaptableLayers(model)) layers.set(adapterLayerKey(component, path), layer);
  }
  return layers;
}

/** A readable list of the first few of `names` ("a, b, c and 12 more"). */
export function firstFew(names: readonly string[], count = 5): string {
  const shown = names.slice(0, count).join(', ');
  return names.length > count ? `${shown} and ${names.length - count} more` : shown;
}
