import { Conv2d } from '../../nn/conv2d';
import type { AdapterLayerKey } from '../adapter';
import type { AdapterModels } from '../base';
import { DEFAULT_TARGETS, resolveTargets } from '../targets';
import { checkAdapterSettings, type AdapterShapeSettings } from '../settings';
import { layerParams, type LayerGeometry, type LayerParams } from './count-layer';

export interface LayerCount extends LayerGeometry, LayerParams {
  key: AdapterLayerKey;
  kind: 'linear' | 'conv2d';
}

export interface AdapterParamCount {
  settings: AdapterShapeSettings;
  targets: readonly string[];
  layers: LayerCount[];
  sumDIn: number;
  sumDOut: number;
  total: number;
}

/**
 * Counts an adapter's parameters on the models' targeted layers from their shapes alone
 * (a model built from a config holds no weights). Targets as in targets.ts (patterns or
 * presets; default the paper's attention to_q / to_v).
 */
export function countAdapterParams(models: AdapterModels, settings: AdapterShapeSettings, targets: readonly string[] = DEFAULT_TARGETS): AdapterParamCount {
  checkAdapterSettings(settings);
  const layers = resolveTargets(models, targets).map(({ key, layer }): LayerCount => {
    const kernelArea = layer instanceof Conv2d ? layer.kernelSize * layer.kernelSize : 1;
    const geometry = { dIn: layer.inChannels, dOut: layer.outChannels, kernelArea };
    return { key, kind: layer.kind, ...geometry, ...layerParams(settings, geometry) };
  });
  const sum = (pick: (l: LayerCount) => number) => layers.reduce((acc, l) => acc + pick(l), 0);
  return { settings, targets, layers, sumDIn: sum((l) => l.dIn), sumDOut: sum((l) => l.dOut), total: sum((l) => l.total) };
}
