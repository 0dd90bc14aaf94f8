import { Conv2d } from '../../nn/conv2d';
import type { AdapterLayerKey } from '../adapter';
import type { AdapterModels } from '../base';
import { DEFAULT_TARGETS, resolveTargets } from '../targets';
import { layerParams, type LayerGeometry, type LayerParams, type ParamSettings } from './count-layer';

export interface LayerCount extends LayerGeometry, LayerParams {
  key: AdapterLayerKey;
  kind: 'linear' | 'conv2d';
}

export interface AdapterParamCount {
  settings: ParamSettings;
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
export function countAdapterParams(models: AdapterModels, settings: ParamSettings, targets: readonly string[] = DEFAULT_TARGETS): AdapterParamCount {
  checkSettings(settings);
  const layers = resolveTargets(models, targets).map(({ key, layer }): LayerCount => {
    const kernelArea = layer instanceof Conv2d ? layer.kernelSize * layer.kernelSize : 1;
    const geometry = { dIn: layer.inChannels, dOut: layer.outChannels, kernelArea };
    return { key, kind: layer.kind, ...geometry, ...layerParams(settings, geometry) };
  });
  const sum = (pick: (l: LayerCount) => number) => layers.reduce((acc, l) => acc + pick(l), 0);
  return { settings, targets, layers, sumDIn: sum((l) => l.dIn), sumDOut: sum((l) => l.dOut), total: sum((l) => l.total) };
}

function checkSettings(s: ParamSettings): void {
  if (!Number.isInteger(s.rank) || s.rank < 1) throw new Error(`rank must be a positive integer, got ${s.rank}`);
  if (!Number.isInteger(s.k) || s.k < 1) throw new Error(`K must be a positive integer, got ${s.k}`);
  if (s.method === 'lora' && (s.dma || s.sta || s.k !== 1)) throw new Error('LoRA has no K, DMA or STA: use method styleinject for those');
  if (s.method === 'styleinject' && !s.dma && s.k !== 1) throw new Error(`K = ${s.k} needs DMA (K parallel down matrices are DMA's)`);
}
