import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../../../src-main/engine/adapters/blend';
import type { AdapterSettings } from '../../../../src-main/engine/adapters/settings';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import { initBackend } from '../../../../src-main/engine/backend';
import type { UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import { adaptableLayers } from '../../../../src-main/engine/nn/adaptable';
import { moveOffInit, sameBytes } from '../layers/fixtures';
import { loadTinyModels } from './tiny-models';

let unet: UNet2DConditionModel;
let sample: tf.Tensor4D;
let context: tf.Tensor3D;
let baseline: tf.Tensor;
const forward = () => unet.forward(sample, 500, context);

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  const models = await loadTinyModels();
  models.textEncoder.dispose();
  unet = models.unet;
  sample = tf.randomNormal([2, 8, 8, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
  context = tf.randomNormal([2, 5, 32], 0, 1, 'float32', 2) as tf.Tensor3D;
  baseline = forward();
});
afterAll(() => {
  tf.dispose([sample, context, baseline]);
  unet?.dispose();
});

const methods: { name: string; settings: AdapterSettings }[] = [
  { name: 'LoRA', settings: adapterSettings({ method: 'lora', rank: 4 }) },
  { name: 'DMA', settings: adapterSettings({ method: 'styleinject', rank: 4, k: 3, sta: false }) },
  { name: 'STA', settings: adapterSettings({ method: 'styleinject', rank: 4, dma: false }) },
  { name: 'DMA+STA', settings: adapterSettings({ method: 'styleinject', rank: 4, k: 3 }) },
];
const targetSets = [
  { name: 'Linear (attention q/v)', targets: ['attention-qv'] },
  { name: 'Conv2d (resnets, samplers)', targets: ['resnet-conv'] },
];

describe.each(targetSets)('a fresh adapter on $name leaves the tiny UNet unchanged', ({ targets }) => {
  it.each(methods)('$name: identical bytes at init; detach restores the base output', ({ settings }) => {
    const adapter = createAdapter({ unet }, settings, { seed: 7, targets });
    const session = attachAdapters({ unet }, [{ adapter, weight: 1 }]);
    const atInit = forward();
    expect(sameBytes(atInit, baseline)).toBe(true);
    moveOffInit(adapter); // now it does change the output...
    const trained = forward();
    expect(sameBytes(trained, baseline)).toBe(false);
    session.detach(); // ...until it is taken off
    const detached = forward();
    expect(sameBytes(detached, baseline)).toBe(true);
    tf.dispose([atInit, trained, detached]);
    disposeAdapter(adapter);
  });
});

describe('attaching to the UNet', () => {
  let adapter: Adapter;
  beforeAll(() => {
    adapter = createAdapter({ unet }, adapterSettings({ method: 'styleinject', rank: 2, k: 3 }), { seed: 3, targets: ['attention-qv', 'resnet-conv'] });
    moveOffInit(adapter);
  });
  afterAll(() => disposeAdapter(adapter));

  it('keeps no tensors across repeated forwards (router traces on, read after each)', async () => {
    const session = attachAdapters({ unet }, [{ adapter, weight: 0.8 }], { recordRoutes: true });
    forward().dispose(); // first call: kernels and caches warm up
    await session.routerTrace!.flush();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      session.setProgress(i / 3);
      forward().dispose();
      expect(() => session.routerTrace!.rows).toThrow(/await trace\.flush\(\) before reading its rows/);
      await session.routerTrace!.flush();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(session.routerTrace!.rows.length).toBe(4 * 2 * adapter.layers.size); // 4 forwards x 2 samples x every routed layer
    session.detach();
  });

  it('composes a second session into the same wrapper and detaches in any order', () => {
    const a = attachAdapters({ unet }, [{ adapter, weight: 0.5 }]);
    const layer = adaptableLayers(unet).find(([path]) => path === 'mid_block.resnets.0.conv1')![1];
    const wrapper = layer.wrapper;
    const b = attachAdapters({ unet }, [{ adapter, weight: 0.5 }]);
    expect(layer.wrapper).toBe(wrapper); // one blend wrapper per layer
    const together = forward();
    const once = attachAdapters({ unet }, [{ adapter, weight: 0 }]); // off: nothing changes
    const withOff = forward();
    expect(sameBytes(withOff, together)).toBe(true);
    once.detach();
    a.detach();
    const half = forward();
    expect(sameBytes(half, together)).toBe(false);
    b.detach();
    expect(layer.wrapper).toBeNull();
    const base = forward();
    expect(sameBytes(base, baseline)).toBe(true);
    tf.dispose([together, withOff, half, base]);
  });

  it('refuses layers the model lacks or whose shapes differ, listing them, and installs nothing', () => {
    const state = adapter.layers.get('unet:mid_block.attentions.0.transformer_blocks.0.attn1.to_q')!;
    const broken: Adapter = {
      ...adapter,
      name: 'broken',
      layers: new Map([
        ['unet:down_blocks.9.attentions.0.to_q', state],
        ['unet:mid_block.attentions.0.transformer_blocks.0.attn2.to_k', state], // d_in 32, not 64
        ['text_encoder:text_model.encoder.layers.0.mlp.fc1', state],
      ]),
    };
    expect(() => attachAdapters({ unet }, [{ adapter: broken, weight: 1 }])).toThrow(
      /adapter 'broken' does not fit the model: unet:down_blocks\.9\.attentions\.0\.to_q: no Linear\/Conv2d layer.*attn2\.to_k: down \[6, 64\] does not take the layer's 32 inputs.*no text encoder was given/,
    );
    expect(adaptableLayers(unet).some(([, layer]) => layer.wrapper)).toBe(false);
    expect(() => attachAdapters({ unet }, [{ adapter, weight: Number.NaN }])).toThrow(/weight must be a finite number/);
    expect(() => attachAdapters({ unet }, [{ adapter, weight: 1, steps: { start: 0.6, end: 0.2 } }])).toThrow(/step range/);
  });
});
