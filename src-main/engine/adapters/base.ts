import type * as tf from '@tensorflow/tfjs';
import type { AdapterLayerKey } from './adapter';

/**
 * The adapter-layer interface: the per-layer computation of one adapter on one frozen base
 * layer (spec sections 1-3). The blend wrapper (blend/) combines the effects of every
 * adapter on a layer with the base output h (spec section 5).
 */
export interface AdapterLayer {
  readonly key: AdapterLayerKey;
  /**
   * true: `effect` is STA's gamma (the features are rescaled around their mean, nothing is
   * added); false: `effect` is the delta added to h (LoRA, DMA).
   */
  readonly sta: boolean;
  /** K, the number of down branches (1 without DMA). */
  readonly branches: number;
  /**
   * delta or gamma for input x, shaped like the base output h. `onRoute` receives the
   * router's alpha_route (B, K) when the layer routes (K > 1); it must not keep the tensor.
   */
  effect(x: tf.Tensor, onRoute?: RouteListener): tf.Tensor;
}

export type RouteListener = (alphaRoute: tf.Tensor2D) => void;

export type { AdapterModels } from './model-layers';
