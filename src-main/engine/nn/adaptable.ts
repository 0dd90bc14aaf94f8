import type * as tf from '@tensorflow/tfjs';
import { Module } from './module';

/**
 * What an adapter installs on a Linear or Conv2d layer: it receives the input and the frozen
 * base forward, and returns the adapted output (e.g. h + s*B(A(x)) for LoRA).
 */
export interface LayerWrapper {
  apply(x: tf.Tensor, base: (x: tf.Tensor) => tf.Tensor, layer: AdaptableLayer): tf.Tensor;
}

/** A Linear or Conv2d layer: the one place where an adapter wrapper can be installed. */
export abstract class AdaptableLayer extends Module {
  abstract readonly kind: 'linear' | 'conv2d';
  abstract readonly inChannels: number;
  abstract readonly outChannels: number;
  wrapper: LayerWrapper | null = null;

  forward(x: tf.Tensor): tf.Tensor {
    return this.wrapper ? this.wrapper.apply(x, (t) => this.baseForward(t), this) : this.baseForward(x);
  }

  /** The frozen layer's own computation. */
  abstract baseForward(x: tf.Tensor): tf.Tensor;
}

/** Every adaptable layer of a model with its stable name (the diffusers module path). */
export function adaptableLayers(root: Module): [string, AdaptableLayer][] {
  return [...root.namedModules()].filter((e): e is [string, AdaptableLayer] => e[1] instanceof AdaptableLayer);
}
