import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type AdapterLayerState } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../../../src-main/engine/adapters/blend';
import type { AdapterSettings } from '../../../../src-main/engine/adapters/settings';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import type { AdaptableLayer } from '../../../../src-main/engine/nn/adaptable';
import { initBackend } from '../../../../src-main/engine/backend';
import { LayerTree, randomConv, randomLinear } from './fixtures';

// initBackend registers the wasm training kernels (conv filter gradients).
beforeAll(async () => {
  await initBackend({ force: 'wasm' });
});

const layers: { name: string; make: () => AdaptableLayer; input: [number, ...number[]] }[] = [
  { name: 'Linear', make: () => randomLinear(6, 5), input: [2, 4, 6] },
  { name: 'Conv2d 3x3', make: () => randomConv(3, 4, { kernelSize: 3, padding: 1 }), input: [2, 5, 5, 3] },
];
const methods: { name: string; settings: AdapterSettings }[] = [
  { name: 'LoRA', settings: adapterSettings({ method: 'lora', rank: 2 }) },
  { name: 'DMA', settings: adapterSettings({ method: 'styleinject', rank: 2, k: 3, sta: false }) },
  { name: 'STA', settings: adapterSettings({ method: 'styleinject', rank: 2, dma: false }) },
  { name: 'DMA+STA', settings: adapterSettings({ method: 'styleinject', rank: 2, k: 3 }) },
];

/** Max |gradient| of every trainable tensor of the layer for an MSE loss against `target`. */
function gradientSizes(layer: AdaptableLayer, state: AdapterLayerState, x: tf.Tensor, target: tf.Tensor): Record<string, { max: number; finite: boolean; grad: tf.Tensor }> {
  const named = Object.entries({ down: state.down, up: state.up, router: state.router, gamma: state.gamma }).filter(
    (e): e is [string, tf.Variable] => e[1] !== undefined,
  );
  const { grads } = tf.variableGrads(() => layer.forward(x).sub(target).square().mean() as tf.Scalar, named.map(([, v]) => v));
  return Object.fromEntries(
    named.map(([name, v]) => {
      const grad = grads[v.name];
      const values = grad.dataSync();
      return [name, { max: Math.max(...values.map(Math.abs)), finite: values.every(Number.isFinite), grad }];
    }),
  );
}

describe.each(layers)('gradients through a $name adapter', ({ make, input }) => {
  it.each(methods)('$name: B moves first, then every trainable tensor gets a finite non-zero gradient', ({ settings }) => {
    const layer = make();
    const root = new LayerTree({ layer });
    const adapter = createAdapter({ unet: root }, settings, { seed: 4, targets: ['layer'] });
    const session = attachAdapters({ unet: root }, [{ adapter, weight: 1 }]);
    const state = adapter.layers.get('unet:layer')!;
    const x = tf.randomNormal(input, 0, 1, 'float32', 31);
    const target = tf.tidy(() => layer.baseForward(x).add(tf.randomNormal(layer.baseForward(x).shape, 0, 1, 'float32', 32)));

    // At init B = 0: only B has a gradient (spec section 3: through w_gamma when STA is on);
    // A, R and w_gamma are multiplied by B's zeros.
    const first = gradientSizes(layer, state, x, target);
    expect(first.up.max).toBeGreaterThan(0);
    for (const [name, g] of Object.entries(first)) if (name !== 'up') expect(g.max, name).toBe(0);

    // One plain gradient step on B, as the first optimizer step would take.
    (state.up as tf.Variable).assign(tf.tidy(() => state.up.sub(first.up.grad.mul(0.5))));
    const second = gradientSizes(layer, state, x, target);
    expect(Object.keys(second).sort()).toEqual(['down', 'up', ...(settings.dma ? ['router'] : []), ...(settings.sta ? ['gamma'] : [])].sort());
    for (const [name, g] of Object.entries(second)) {
      expect(g.finite, name).toBe(true);
      expect(g.max, name).toBeGreaterThan(0);
    }
    session.detach();
    tf.dispose([x, target, ...Object.values(first).map((g) => g.grad), ...Object.values(second).map((g) => g.grad)]);
    disposeAdapter(adapter);
    layer.dispose();
  });
});
