import * as tf from '@tensorflow/tfjs';
import type { Module } from '../../src-main/engine/nn/module';

/**
 * Fills every parameter with seeded uniform values of std 1/sqrt(fan-in) (norm scales near 1),
 * through Parameter.load as a checkpoint would, so each weight's residency applies. A plain
 * xorshift in JS: SD 1.5's 1.07 G values take seconds, where Box-Muller would take a minute.
 */
export async function fillRandomWeights(module: Module, seed: number): Promise<void> {
  let state = seed >>> 0 || 1;
  for (const [name, parameter] of module.namedParameters()) {
    const isNormScale = /norm[^.]*\.weight$/.test(name);
    const fanIn = parameter.torchShape.slice(1).reduce((a, b) => a * b, 1);
    const halfWidth = Math.sqrt(3) * (isNormScale ? 0.1 : 1 / Math.sqrt(fanIn)); // uniform of that std
    const center = isNormScale ? 1 : 0;
    const values = new Float32Array(parameter.size);
    for (let i = 0; i < values.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      values[i] = center + halfWidth * ((state >>> 0) / 2147483648 - 1);
    }
    const torch = tf.tensor(values, [...parameter.torchShape], 'float32');
    parameter.load(torch, name);
    torch.dispose();
    await parameter.settled(); // a host-resident weight leaves backend memory before the next one comes in
  }
}
