import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter } from '../../../../src-main/engine/adapters/adapter';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import { TARGET_PRESETS } from '../../../../src-main/engine/adapters/targets';
import { initBackend } from '../../../../src-main/engine/backend';
import type { ClipTextModel } from '../../../../src-main/engine/models/clip';
import type { UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import { sameBytes } from '../layers/fixtures';
import { loadTinyModels } from './tiny-models';

let unet: UNet2DConditionModel;
let textEncoder: ClipTextModel;
const made: Adapter[] = [];
const create = (...args: Parameters<typeof createAdapter>) => {
  const adapter = createAdapter(...args);
  made.push(adapter);
  return adapter;
};

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  ({ unet, textEncoder } = await loadTinyModels());
});
afterAll(() => {
  made.forEach(disposeAdapter);
  unet?.dispose();
  textEncoder?.dispose();
});

describe('createAdapter', () => {
  it("targets the paper's layers by default: to_q and to_v of attn1 and attn2 in every transformer block", () => {
    const adapter = create({ unet }, adapterSettings({ method: 'styleinject', rank: 4, k: 3 }), { seed: 1 });
    const keys = [...adapter.layers.keys()];
    expect(keys).toHaveLength(6 * 4); // the tiny UNet has 2 + 1 + 3 transformer blocks
    for (const key of keys) expect(key).toMatch(/^unet:.*\.transformer_blocks\.0\.attn[12]\.to_[qv]$/);
    expect(adapter.config).toMatchObject({ method: 'styleinject', rank: 4, k: 3, dma: true, sta: true, alpha: 4 });
    expect(adapter.config.targets).toEqual([...TARGET_PRESETS['attention-qv']]);
  });

  it('initialises as the spec: A Kaiming-uniform (a = sqrt(5)), B, R zeros, w_gamma ones, all trainable', () => {
    const adapter = create({ unet }, adapterSettings({ method: 'styleinject', rank: 4, k: 3 }), { seed: 1, targets: ['resnet-conv'] });
    const state = adapter.layers.get('unet:up_blocks.0.resnets.2.conv1')!; // 96 -> 64, 3x3
    expect(state.kind).toBe('conv2d');
    expect(state.down.shape).toEqual([12, 96, 3, 3]);
    expect(state.up.shape).toEqual([64, 4, 1, 1]);
    expect(state.router!.shape).toEqual([3, 192]);
    expect(state.gamma!.shape).toEqual([64]);
    const bound = 1 / Math.sqrt(96 * 9);
    const down = state.down.dataSync();
    expect(Math.max(...down.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...down.map(Math.abs))).toBeGreaterThan(0.95 * bound); // spread over the whole range
    expect(state.up.dataSync().every((v) => v === 0)).toBe(true);
    expect(state.router!.dataSync().every((v) => v === 0)).toBe(true);
    expect(state.gamma!.dataSync().every((v) => v === 1)).toBe(true);
    for (const t of [state.down, state.up, state.router, state.gamma]) expect((t as tf.Variable).trainable).toBe(true);
  });

  it('gives the same A for the same seed and another for another seed', () => {
    const [a, b, c] = [1, 1, 2].map((seed) => create({ unet }, adapterSettings({ method: 'lora', rank: 2 }), { seed }));
    const key = 'unet:mid_block.attentions.0.transformer_blocks.0.attn2.to_v';
    expect(sameBytes(a.layers.get(key)!.down, b.layers.get(key)!.down)).toBe(true);
    expect(sameBytes(a.layers.get(key)!.down, c.layers.get(key)!.down)).toBe(false);
  });

  it('mixes presets and patterns, LoRA has no router or w_gamma, STA alone no router', () => {
    const lora = create({ unet, textEncoder }, adapterSettings({ method: 'lora', rank: 2 }), { seed: 1, targets: ['text-encoder', 'unet:conv_in'] });
    expect(lora.layers.size).toBe(2 * 6 + 1);
    expect(lora.layers.get('text_encoder:text_model.encoder.layers.1.mlp.fc1')!.down.shape).toEqual([2, 32]);
    for (const state of lora.layers.values()) expect([state.router, state.gamma]).toEqual([undefined, undefined]);
    const sta = create({ unet }, adapterSettings({ method: 'styleinject', rank: 2, dma: false }), { seed: 1, targets: ['transformer-all'] });
    expect(sta.config.k).toBe(1);
    expect(sta.layers.size).toBe(6 * (2 + 8 + 2)); // proj_in/out, 4 per attention, 2 feed-forward
    for (const state of sta.layers.values()) expect(state.router).toBeUndefined();
  });

  it('rejects targets that match nothing, a missing text encoder and settings the math does not define', () => {
    const before = tf.memory().numTensors;
    expect(() => createAdapter({ unet }, adapterSettings({ method: 'lora', rank: 2 }), { seed: 1, targets: ['attention-qv', '*.to_z'] })).toThrow(/'\*\.to_z'/);
    expect(() => createAdapter({ unet }, adapterSettings({ method: 'lora', rank: 2 }), { seed: 1, targets: ['text-encoder'] })).toThrow(/no text_encoder was given/);
    expect(() => createAdapter({ unet }, adapterSettings({ method: 'lora', rank: 2 }), { seed: 1, targets: ['vae:*'] })).toThrow(/unknown component 'vae'/);
    expect(() => createAdapter({ unet }, adapterSettings({ method: 'styleinject', rank: 2, k: 4, dma: false }), { seed: 1 })).toThrow(/need DMA/);
    expect(() => createAdapter({ unet }, adapterSettings({ method: 'lora', rank: 0 }), { seed: 1 })).toThrow(/rank/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
