import * as tf from '@tensorflow/tfjs';
import type { AdaptableLayer } from '../../nn/adaptable';
import type { Parameter } from '../../nn/parameter';
import type { Adapter, AdapterLayerKey, AdapterLayerState } from '../adapter';
import { firstFew } from '../../text/first-few';
import { modelLayers, type AdapterModels } from '../model-layers';
import { isPlainLoraLayer } from '../layer-shapes';
import { isPlainLora, styleInjectParts } from '../settings';
import { loraDelta } from './lora-delta';
import { badInput } from '../../errors';

/**
 * Folds a LoRA into the base weights, `W' = W + multiplier * (alpha/r) * up @ down` (kohya's
 * merge_to, A1111 / ComfyUI "merged" LoRA): generation then costs nothing extra, at a weight
 * fixed until unmergeLora. Only plain LoRA merges: DMA routes per input and STA rescales
 * around per-sample means, neither is a fixed weight change. Every layer is checked before any
 * weight changes.
 */
export function mergeLora(models: AdapterModels, adapter: Adapter, multiplier: number): void {
  addToWeights(models, adapter, multiplier, 'merge');
}

/**
 * Removes a merged LoRA by subtracting what mergeLora added (same adapter, same multiplier).
 * Float rounding may leave the weights a rounding step (~1 ulp) away from the originals.
 */
export function unmergeLora(models: AdapterModels, adapter: Adapter, multiplier: number): void {
  addToWeights(models, adapter, -multiplier, 'unmerge');
}

function addToWeights(models: AdapterModels, adapter: Adapter, multiplier: number, verb: string): void {
  if (!Number.isFinite(multiplier)) throw badInput(`cannot ${verb} '${adapter.name}': multiplier ${multiplier} is not a finite number`);
  const targets = mergeTargets(models, adapter, verb);
  for (const { key, layer, weight } of targets) {
    tf.tidy(() => {
      const w = weight.toTorch();
      const delta = loraDelta(layer, weight.torchShape);
      // kohya's order: W + (m * delta) * scale, with the scale already inside delta.
      weight.load(w.add(delta.mul(multiplier)), `${key}.weight`);
    });
  }
}

interface MergeTarget {
  key: AdapterLayerKey;
  layer: AdapterLayerState;
  weight: Parameter;
}

function mergeTargets(models: AdapterModels, adapter: Adapter, verb: string): MergeTarget[] {
  const { config } = adapter;
  if (!isPlainLora(config)) {
    throw badInput(`cannot ${verb} '${adapter.name}': it uses ${styleInjectParts(config)}, which depends on each input; attach it instead (only plain LoRA merges)`);
  }
  const layers = modelLayers(models);
  const missing = [...adapter.layers.keys()].filter((key) => !layers.has(key));
  if (missing.length > 0) throw badInput(`cannot ${verb} '${adapter.name}': the model has no layer ${firstFew(missing)}`);
  return [...adapter.layers].map(([key, layer]) => {
    const base = layers.get(key) as AdaptableLayer & { weight?: Parameter };
    const weight = base.weight;
    if (!isPlainLoraLayer(layer)) {
      throw badInput(`cannot ${verb} '${adapter.name}': layer ${key} is not a plain LoRA (router, gamma or several down branches)`);
    }
    const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
    if (!weight || size(weight.torchShape) !== (layer.up.shape[0] as number) * size(layer.down.shape.slice(1) as number[])) {
      throw badInput(`cannot ${verb} '${adapter.name}': layer ${key} does not fit the model's weight [${weight?.torchShape.join(', ') ?? 'none'}]`);
    }
    return { key, layer, weight };
  });
}
