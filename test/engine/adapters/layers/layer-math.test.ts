import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter, AdapterLayerState } from '../../../../src-main/engine/adapters/adapter';
import { disposeAdapter } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../../../src-main/engine/adapters/blend';
import type { AdapterSettings } from '../../../../src-main/engine/adapters/settings';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import type { AdaptableLayer } from '../../../../src-main/engine/nn/adaptable';
import { useTestBackend } from '../../nn/test-backend';
import { LayerTree, maxAbsDiff, moveOffInit, randomConv, randomLinear, sameBytes } from './fixtures';
import { referenceDelta, referenceRoute, referenceSta } from './reference';

beforeAll(useTestBackend);

const cases: { name: string; make: () => AdaptableLayer; input: () => tf.Tensor }[] = [
  { name: 'Linear on (B, N, d) sequences', make: () => randomLinear(6, 5), input: () => tf.randomNormal([2, 7, 6], 0, 1, 'float32', 11) },
  { name: 'Linear on (B, d) vectors', make: () => randomLinear(6, 5), input: () => tf.randomNormal([3, 6], 0, 1, 'float32', 12) },
  {
    name: 'Conv2d 3x3, stride 2, padding 1 (NHWC)',
    make: () => randomConv(4, 6, { kernelSize: 3, stride: 2, padding: 1 }),
    input: () => tf.randomNormal([2, 7, 7, 4], 0, 1, 'float32', 13),
  },
  { name: 'Conv2d 1x1', make: () => randomConv(4, 6, { kernelSize: 1 }), input: () => tf.randomNormal([2, 5, 3, 4], 0, 1, 'float32', 14) },
];

const methods: { name: string; settings: AdapterSettings }[] = [
  { name: 'LoRA', settings: adapterSettings({ method: 'lora', rank: 3, alpha: 6 }) },
  { name: 'DMA', settings: adapterSettings({ method: 'styleinject', rank: 2, k: 3, sta: false, alpha: 3 }) },
  { name: 'STA', settings: adapterSettings({ method: 'styleinject', rank: 2, dma: false, alpha: 3 }) },
  { name: 'DMA+STA', settings: adapterSettings({ method: 'styleinject', rank: 2, k: 4, alpha: 3 }) },
];

/** The adapted layer's output and the literal spec formula, for one adapter at weight 1. */
function adaptedAndReference(layer: AdaptableLayer, x: tf.Tensor, adapter: Adapter): { y: tf.Tensor; expected: tf.Tensor } {
  const h = layer.forward(x);
  const session = attachAdapters({ unet: new LayerTree({ layer }) }, [{ adapter, weight: 1 }]);
  const y = layer.forward(x);
  session.detach();
  const state = adapter.layers.get('unet:layer') as AdapterLayerState;
  const expected = tf.tidy(() => {
    const delta = referenceDelta(x, state, layer);
    return state.gamma ? referenceSta(h, delta.mul(state.gamma)) : h.add(delta);
  });
  h.dispose();
  return { y, expected };
}

describe.each(cases)('adapter layer math: $name', ({ make, input }) => {
  let layer: AdaptableLayer;
  let x: tf.Tensor;
  beforeAll(() => {
    layer = make();
    x = input();
  });
  afterAll(() => {
    layer.dispose();
    x.dispose();
  });

  it.each(methods)('$name equals the spec formula computed branch by branch', ({ settings }) => {
    const adapter = createAdapter({ unet: new LayerTree({ layer }) }, settings, { seed: 5, targets: ['layer'] });
    moveOffInit(adapter);
    const { y, expected } = adaptedAndReference(layer, x, adapter);
    expect(y.shape).toEqual(expected.shape);
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-4);
    tf.dispose([y, expected]);
    disposeAdapter(adapter);
  });

  it('StyleInject with DMA and STA off is numerically a LoRA (same A and B)', () => {
    const root = new LayerTree({ layer });
    const lora = createAdapter({ unet: root }, adapterSettings({ method: 'lora', rank: 3, alpha: 6 }), { seed: 9, targets: ['layer'] });
    const plain = createAdapter({ unet: root }, adapterSettings({ method: 'styleinject', rank: 3, dma: false, sta: false, alpha: 6 }), { seed: 9, targets: ['layer'] });
    moveOffInit(lora);
    moveOffInit(plain);
    expect(sameBytes(lora.layers.get('unet:layer')!.up, plain.layers.get('unet:layer')!.up)).toBe(true);
    const outputs = [lora, plain].map((adapter) => {
      const session = attachAdapters({ unet: root }, [{ adapter, weight: 1 }]);
      const y = layer.forward(x);
      session.detach();
      return y;
    });
    expect(sameBytes(outputs[0], outputs[1])).toBe(true);
    tf.dispose(outputs);
    [lora, plain].forEach(disposeAdapter);
  });
});

describe('the router', () => {
  it('gives probabilities that sum to 1, uniform at init', async () => {
    const layer = randomLinear(6, 5);
    const x = tf.randomNormal([3, 4, 6], 0, 1, 'float32', 21);
    const adapter = createAdapter({ unet: new LayerTree({ layer }) }, adapterSettings({ method: 'styleinject', rank: 2, k: 4 }), { seed: 1, targets: ['layer'] });
    const trace = async (withRandomRouter: boolean) => {
      if (withRandomRouter) moveOffInit(adapter);
      const session = attachAdapters({ unet: new LayerTree({ layer }) }, [{ adapter, weight: 1 }], { recordRoutes: true });
      layer.forward(x).dispose();
      session.detach();
      await session.routerTrace!.flush();
      return session.routerTrace!.rows;
    };
    const atInit = await trace(false);
    expect(atInit).toHaveLength(3); // one row per sample
    for (const row of atInit) expect(row.probs).toEqual([0.25, 0.25, 0.25, 0.25]);
    const trained = await trace(true);
    const expected = referenceRoute(x, adapter.layers.get('unet:layer')!.router!).arraySync();
    trained.forEach((row, b) => {
      expect(row.probs.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 6);
      row.probs.forEach((p, k) => expect(p).toBeCloseTo(expected[b][k], 5));
    });
    expect(new Set(trained[0].probs).size).toBeGreaterThan(1);
    tf.dispose([x]);
    layer.dispose();
    disposeAdapter(adapter);
  });
});
