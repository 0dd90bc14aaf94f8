import * as tf from '@tensorflow/tfjs';
import type { Module } from '../../../src-main/engine/nn/module';

/**
 * Fills every parameter with seeded random values (norm scales near 1, the rest small), for
 * tests of configurations that have no checkpoint.
 */
export function randomizeParameters(module: Module, seed = 1): void {
  let i = 0;
  for (const [name, parameter] of module.namedParameters()) {
    const isNormScale = /norm[^.]*\.weight$/.test(name);
    const fanIn = parameter.torchShape.slice(1).reduce((a, b) => a * b, 1);
    const std = isNormScale ? 0.1 : 1 / Math.sqrt(fanIn);
    const value = tf.tidy(() => tf.randomNormal([...parameter.torchShape], isNormScale ? 1 : 0, std, 'float32', seed + i++));
    parameter.load(value, name);
    value.dispose();
  }
}
