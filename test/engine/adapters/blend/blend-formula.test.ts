import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../../../src-main/engine/adapters/blend';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import type { Linear } from '../../../../src-main/engine/nn/linear';
import { useTestBackend } from '../../nn/test-backend';
import { LayerTree, maxAbsDiff, moveOffInit, randomLinear, sameBytes } from '../layers/fixtures';
import { referenceDelta } from '../layers/reference';

// Spec section 5 on one small Linear: a LoRA, a DMA-only StyleInject (both add their delta)
// and two STA adapters (both rescale around the mean).
let layer: Linear;
let root: LayerTree;
let x: tf.Tensor;
let lora: Adapter, dma: Adapter, staA: Adapter, staB: Adapter;

beforeAll(async () => {
  await useTestBackend();
  layer = randomLinear(5, 4);
  root = new LayerTree({ layer });
  x = tf.randomNormal([2, 6, 5], 0, 1, 'float32', 41);
  const make = (settings: Parameters<typeof createAdapter>[1], seed: number, name: string) => {
    const adapter = createAdapter({ unet: root }, settings, { seed, targets: ['layer'], name });
    moveOffInit(adapter, seed * 10);
    return adapter;
  };
  lora = make(adapterSettings({ method: 'lora', rank: 2, alpha: 1 }), 1, 'lora');
  dma = make(adapterSettings({ method: 'styleinject', rank: 2, k: 3, sta: false }), 2, 'dma');
  staA = make(adapterSettings({ method: 'styleinject', rank: 2, k: 2 }), 3, 'staA');
  staB = make(adapterSettings({ method: 'styleinject', rank: 3, dma: false }), 4, 'staB');
});
afterAll(() => {
  [lora, dma, staA, staB].forEach(disposeAdapter);
  x.dispose();
  layer.dispose();
});

const forwardWith = (entries: { adapter: Adapter; weight: number }[]) => {
  const session = attachAdapters({ unet: root }, entries);
  const y = layer.forward(x);
  session.detach();
  return y;
};

describe('blending adapters on one layer (spec section 5)', () => {
  it('equals mu + (1 + sum_STA w gamma)(h - mu) + sum_nonSTA w delta computed by hand', () => {
    const weights = { lora: 0.7, dma: -0.4, staA: 0.9, staB: 0.3 };
    const y = forwardWith([
      { adapter: lora, weight: weights.lora },
      { adapter: staA, weight: weights.staA },
      { adapter: dma, weight: weights.dma },
      { adapter: staB, weight: weights.staB },
    ]);
    const expected = tf.tidy(() => {
      const h = layer.baseForward(x);
      const mu = h.mean(1, true); // (B, 1, d_out): over the sequence
      const delta = (a: Adapter) => referenceDelta(x, a.layers.get('unet:layer')!, layer);
      const gamma = (a: Adapter) => delta(a).mul(a.layers.get('unet:layer')!.gamma!);
      const scale = gamma(staA).mul(weights.staA).add(gamma(staB).mul(weights.staB)).add(1);
      return mu.add(scale.mul(h.sub(mu))).add(delta(lora).mul(weights.lora)).add(delta(dma).mul(weights.dma));
    });
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-5);
    tf.dispose([y, expected]);
  });

  it('weight 0 is exactly off: the same bytes as without the adapter', () => {
    const base = layer.forward(x);
    const alone = forwardWith([{ adapter: lora, weight: 0.5 }]);
    for (const off of [staA, dma]) {
      const withOff = forwardWith([
        { adapter: lora, weight: 0.5 },
        { adapter: off, weight: 0 },
      ]);
      expect(sameBytes(withOff, alone)).toBe(true);
      withOff.dispose();
    }
    const allOff = forwardWith([
      { adapter: staB, weight: 0 },
      { adapter: lora, weight: 0 },
    ]);
    expect(sameBytes(allOff, base)).toBe(true);
    tf.dispose([base, alone, allOff]);
  });

  it('keeps each adapter to its own weight: two halves of one LoRA make the whole', () => {
    const whole = forwardWith([{ adapter: lora, weight: 1 }]);
    const halves = forwardWith([
      { adapter: lora, weight: 0.5 },
      { adapter: lora, weight: 0.5 },
    ]);
    expect(maxAbsDiff(whole, halves)).toBeLessThan(1e-6);
    tf.dispose([whole, halves]);
  });
});
