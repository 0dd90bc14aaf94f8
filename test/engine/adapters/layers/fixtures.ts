import * as tf from '@tensorflow/tfjs';
import type { Adapter } from '../../../../src-main/engine/adapters/adapter';
import type { AdaptableLayer } from '../../../../src-main/engine/nn/adaptable';
import { Conv2d, type Conv2dArgs } from '../../../../src-main/engine/nn/conv2d';
import { Linear } from '../../../../src-main/engine/nn/linear';
import { Module } from '../../../../src-main/engine/nn/module';
import { randomizeParameters } from '../../nn/random-weights';

/**
 * Small real layers for the adapter tests: a module tree whose children are named by
 * module path (so block groups apply), random base weights, and adapters moved off their
 * init (non-zero B, router and w_gamma) so every term of the math is exercised.
 */

export class LayerTree extends Module {
  constructor(layers: Record<string, AdaptableLayer>) {
    super();
    for (const [path, layer] of Object.entries(layers)) this.addModule(path, layer);
  }
}

export function randomLinear(dIn: number, dOut: number, seed = 1): Linear {
  const layer = new Linear(dIn, dOut);
  randomizeParameters(layer, seed);
  return layer;
}

export function randomConv(dIn: number, dOut: number, args: Conv2dArgs, seed = 1): Conv2d {
  const layer = new Conv2d(dIn, dOut, args);
  randomizeParameters(layer, seed);
  return layer;
}

/** Replaces B, R and w_gamma of every layer with seeded random values (A keeps its init). */
export function moveOffInit(adapter: Adapter, seed = 3): void {
  let i = 0;
  for (const state of adapter.layers.values()) {
    for (const t of [state.up, state.router, state.gamma]) {
      if (!t) continue;
      const value = tf.randomNormal(t.shape, 0, 0.5, 'float32', seed + i++);
      (t as tf.Variable).assign(value);
      value.dispose();
    }
  }
}

export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(a.sub(b))).dataSync()[0]);
}

export function sameBytes(a: tf.Tensor, b: tf.Tensor): boolean {
  return Buffer.from((a.dataSync() as Float32Array).buffer).equals(Buffer.from((b.dataSync() as Float32Array).buffer));
}
