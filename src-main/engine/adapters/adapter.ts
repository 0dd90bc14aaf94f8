import type * as tf from '@tensorflow/tfjs';

/**
 * The in-memory adapter: what training produces, files store, importers create and the
 * generation-time blender attaches. Tensors are kept in PyTorch layout (what files store),
 * so our format, kohya and PEFT files all map onto it without the layer code's help.
 * See ../../../../shared/docs/styleinject-spec.md (sections 1-5) for the math.
 */

export type AdapterMethod = 'lora' | 'styleinject';

/** Which model an adapted layer lives in. */
export type AdapterComponent = 'unet' | 'text_encoder';

export interface AdapterConfig {
  method: AdapterMethod;
  /** Default rank r (a layer's own rank is its tensors' shape: community files vary it per layer). */
  rank: number;
  /** LoRA alpha: scale s = alpha / r. */
  alpha: number;
  /** Parallel down matrices K (DMA); 1 when DMA is off. */
  k: number;
  /** Dynamic multi-style adaptation: K down matrices + softmax router (spec section 2). */
  dma: boolean;
  /** Style transfer via AdaIN: rescale the frozen features around their mean (spec section 3). */
  sta: boolean;
  /** Module-name patterns the adapter was created for (documentation of intent; layers is the truth). */
  targets: string[];
}

/** The tensors of one adapted layer, PyTorch layout. */
export interface AdapterLayerState {
  kind: 'linear' | 'conv2d';
  /** Stacked A: (K*r, d_in) for Linear; (K*r, d_in, kh, kw) for Conv2d (same stride/padding as the base conv). */
  down: tf.Tensor;
  /** Shared B: (d_out, r) for Linear; (d_out, r, 1, 1) for Conv2d. */
  up: tf.Tensor;
  /** Router R: (K, 2*d_in), present when DMA is on. */
  router?: tf.Tensor;
  /** w_gamma: (d_out), present when STA is on. */
  gamma?: tf.Tensor;
  /** This layer's alpha (kohya files store one per module); scale = alpha / r. */
  alpha: number;
}

/** `${component}:${module path}`, e.g. 'unet:down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q'. */
export type AdapterLayerKey = `${AdapterComponent}:${string}`;

export interface Adapter {
  name: string;
  config: AdapterConfig;
  layers: Map<AdapterLayerKey, AdapterLayerState>;
  /** Free-form file metadata (training settings, base model, ...), kept on save. */
  metadata: Record<string, string>;
}

export function adapterLayerKey(component: AdapterComponent, modulePath: string): AdapterLayerKey {
  return `${component}:${modulePath}`;
}

export function splitAdapterLayerKey(key: AdapterLayerKey): { component: AdapterComponent; modulePath: string } {
  const at = key.indexOf(':');
  return { component: key.slice(0, at) as AdapterComponent, modulePath: key.slice(at + 1) };
}

/** Frees every tensor an adapter holds. */
export function disposeAdapter(adapter: Adapter): void {
  for (const layer of adapter.layers.values()) {
    layer.down.dispose();
    layer.up.dispose();
    layer.router?.dispose();
    layer.gamma?.dispose();
  }
  adapter.layers.clear();
}
