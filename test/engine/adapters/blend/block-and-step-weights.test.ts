import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters, blockGroupOf, type AdapterEntry } from '../../../../src-main/engine/adapters/blend';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import type { Linear } from '../../../../src-main/engine/nn/linear';
import { useTestBackend } from '../../nn/test-backend';
import { LayerTree, maxAbsDiff, moveOffInit, randomLinear, sameBytes } from '../layers/fixtures';

// One Linear per place a weight rule distinguishes, named like the UNet's and CLIP's modules.
const unetPaths = ['conv_in', 'down_blocks.1.attentions.0.to_q', 'mid_block.attentions.0.to_q', 'up_blocks.0.attentions.0.to_q', 'time_embedding.linear_1'];
let unetLayers: Record<string, Linear>;
let clipLayer: Linear;
let models: { unet: LayerTree; textEncoder: LayerTree };
let adapter: Adapter;
let x: tf.Tensor;

beforeAll(async () => {
  await useTestBackend();
  unetLayers = Object.fromEntries(unetPaths.map((p, i) => [p, randomLinear(4, 4, i + 1)]));
  clipLayer = randomLinear(4, 4, 9);
  models = { unet: new LayerTree(unetLayers), textEncoder: new LayerTree({ 'text_model.encoder.layers.0.mlp.fc1': clipLayer }) };
  adapter = createAdapter(models, adapterSettings({ method: 'lora', rank: 2 }), { seed: 1, targets: ['unet:*', 'text_encoder:*'] });
  moveOffInit(adapter);
  x = tf.randomNormal([1, 3, 4], 0, 1, 'float32', 5);
});
afterAll(() => {
  disposeAdapter(adapter);
  x.dispose();
  [...Object.values(unetLayers), clipLayer].forEach((l) => l.dispose());
});

/** Each layer's output under `entry`, at schedule progress `progress`. */
function outputs(entry: Omit<AdapterEntry, 'adapter'> | null, progress = 0): Map<string, tf.Tensor> {
  const session = entry ? attachAdapters(models, [{ adapter, ...entry }]) : null;
  session?.setProgress(progress);
  const all: [string, Linear][] = [...Object.entries(unetLayers), ['clip', clipLayer]];
  const result = new Map(all.map(([name, layer]) => [name, layer.forward(x)]));
  session?.detach();
  return result;
}

describe('block weights and step ranges', () => {
  it('names the UNet block groups from module paths', () => {
    expect(blockGroupOf('unet:conv_in')).toBe('input');
    expect(blockGroupOf('unet:down_blocks.0.resnets.0.conv1')).toBe('input');
    expect(blockGroupOf('unet:mid_block.attentions.0.proj_in')).toBe('middle');
    expect(blockGroupOf('unet:up_blocks.1.upsamplers.0.conv')).toBe('output');
    expect(blockGroupOf('unet:conv_out')).toBe('output');
    expect(blockGroupOf('unet:time_embedding.linear_1')).toBeNull();
    expect(blockGroupOf('text_encoder:text_model.encoder.layers.0.mlp.fc1')).toBeNull();
    expect(blockGroupOf('unet:down_blocksX.0')).toBeNull();
  });

  it('per-block weights change only their group; text encoder and time embedding take the plain weight', () => {
    const base = outputs(null);
    const full = outputs({ weight: 0.8 });
    const half = outputs({ weight: 0.4 });
    const blocks = outputs({ weight: 0.8, blockWeights: { input: 0, middle: 0.5 } });
    expect(sameBytes(blocks.get('conv_in')!, base.get('conv_in')!)).toBe(true);
    expect(sameBytes(blocks.get('down_blocks.1.attentions.0.to_q')!, base.get('down_blocks.1.attentions.0.to_q')!)).toBe(true);
    expect(maxAbsDiff(blocks.get('mid_block.attentions.0.to_q')!, half.get('mid_block.attentions.0.to_q')!)).toBeLessThan(1e-6);
    for (const name of ['up_blocks.0.attentions.0.to_q', 'time_embedding.linear_1', 'clip']) {
      expect(sameBytes(blocks.get(name)!, full.get(name)!), name).toBe(true);
      expect(sameBytes(full.get(name)!, base.get(name)!), name).toBe(false);
    }
    [base, full, half, blocks].forEach((m) => tf.dispose([...m.values()]));
  });

  it('a step range switches the adapter on only inside [start, end); end = 1 includes the last step', () => {
    const base = outputs(null);
    const full = outputs({ weight: 1 });
    const late = { weight: 1, steps: { start: 0.5, end: 1 } };
    const early = { weight: 1, steps: { start: 0, end: 0.5 } };
    const cases: [Map<string, tf.Tensor>, Map<string, tf.Tensor>][] = [
      [outputs(late, 0.2), base],
      [outputs(late, 0.5), full],
      [outputs(late, 1), full],
      [outputs(early, 0.45), full],
      [outputs(early, 0.5), base],
    ];
    for (const [got, want] of cases) for (const [name, t] of got) expect(sameBytes(t, want.get(name)!), name).toBe(true);
    [base, full, ...cases.map(([got]) => got)].forEach((m) => tf.dispose([...m.values()]));
  });

  it('rejects progress outside [0, 1]', () => {
    const session = attachAdapters(models, [{ adapter, weight: 1 }]);
    expect(() => session.setProgress(1.5)).toThrow(/fraction in \[0, 1\]/);
    session.detach();
  });
});
