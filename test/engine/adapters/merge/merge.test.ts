import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { disposeAdapter, type Adapter, type AdapterLayerKey, type AdapterLayerState } from '../../../../src-main/engine/adapters/adapter';
import { importAdapter } from '../../../../src-main/engine/adapters/files';
import { loraDelta, mergeLora, unmergeLora } from '../../../../src-main/engine/adapters/merge';
import { loadModelFiles, type LoadedModelFiles } from '../../../../src-main/engine/io/model-files';
import type { Parameter } from '../../../../src-main/engine/nn/parameter';
import { goldenDir } from '../../../parity/golden';
import { goldenLoraFile, tinyLoaded } from '../files/tiny-models';

const CONV = 'unet:down_blocks.1.resnets.0.conv1';
const LINEAR = 'text_encoder:text_model.encoder.layers.0.mlp.fc1';

describe('LoRA merge', () => {
  let checkpoint: LoadedModelFiles;
  let models: { unet?: LoadedModelFiles['unet']; textEncoder?: LoadedModelFiles['textEncoder'] };
  let adapter: Adapter;
  const weightOf = (key: string): Parameter => {
    const [component, path] = key.split(':');
    const model = component === 'unet' ? checkpoint.unet : checkpoint.textEncoder;
    return ([...(model?.namedModules() ?? [])].find(([p]) => p === path)?.[1] as unknown as { weight: Parameter }).weight;
  };

  beforeAll(async () => {
    checkpoint = await tinyLoaded();
    models = { unet: checkpoint.unet, textEncoder: checkpoint.textEncoder };
    adapter = await importAdapter(goldenLoraFile(), models);
  });
  afterAll(() => {
    disposeAdapter(adapter);
    checkpoint.dispose();
  });

  it('composes a 3x3 LoCon pair into the kernel of running one conv after the other', () => {
    const layer = adapter.layers.get(CONV) as AdapterLayerState;
    const [dOut, dIn] = weightOf(CONV).torchShape as number[];
    const delta = loraDelta(layer, [dOut, dIn, 3, 3]);
    const [viaDelta, viaPair] = tf.tidy(() => {
      const x = tf.randomNormal([1, 6, 5, dIn], 0, 1, 'float32', 3) as tf.Tensor4D;
      const hwio = (t: tf.Tensor) => t.transpose([2, 3, 1, 0]) as tf.Tensor4D; // (out, in, kh, kw) -> (kh, kw, in, out)
      const scale = layer.alpha / (layer.up.shape[1] as number);
      const pair = tf.conv2d(tf.conv2d(x, hwio(layer.down), 1, 'same'), hwio(layer.up), 1, 'valid').mul(scale);
      return [tf.conv2d(x, hwio(delta), 1, 'same'), pair];
    });
    const err = tf.tidy(() => viaDelta.sub(viaPair).abs().max().dataSync()[0]);
    expect(err).toBeLessThan(1e-5);
    tf.dispose([delta, viaDelta, viaPair]);
  });

  it('adds multiplier * scale * up @ down, and unmerge takes it away again', () => {
    const w = weightOf(LINEAR);
    const before = w.toTorch();
    const delta = loraDelta(adapter.layers.get(LINEAR) as AdapterLayerState, w.torchShape);
    mergeLora(models, adapter, 0.5);
    const merged = w.toTorch();
    const err = tf.tidy(() => merged.sub(before.add(delta.mul(0.5))).abs().max().dataSync()[0]);
    expect(err).toBeLessThan(1e-6);
    unmergeLora(models, adapter, 0.5);
    const after = w.toTorch();
    const back = tf.tidy(() => after.sub(before).abs().max().dataSync()[0]);
    expect(back).toBeLessThan(1e-6);
    tf.dispose([before, delta, merged, after]);
  });

  it('merging at multiplier 0 leaves every weight bit for bit', () => {
    const w = weightOf(CONV);
    const before = w.toTorch();
    mergeLora(models, adapter, 0);
    const after = w.toTorch();
    expect(Buffer.from(after.dataSync().buffer).equals(Buffer.from(before.dataSync().buffer))).toBe(true);
    tf.dispose([before, after]);
  });

  it('holds no extra tensors over repeated merge / unmerge', () => {
    mergeLora(models, adapter, 1);
    unmergeLora(models, adapter, 1);
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      mergeLora(models, adapter, 0.7);
      unmergeLora(models, adapter, 0.7);
    }
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('merges host-resident weights (large models on wasm) to the same values', async () => {
    const host = await loadModelFiles(join(goldenDir(), 'models', 'diffusers'), { components: ['text_encoder'], weightResidency: 'host' });
    const hostModels = { textEncoder: host.textEncoder };
    const te = Object.fromEntries([...adapter.layers].filter(([key]) => key.startsWith('text_encoder:')));
    const teOnly: Adapter = { ...adapter, layers: new Map(Object.entries(te) as [AdapterLayerKey, AdapterLayerState][]) };
    mergeLora(hostModels, teOnly, 0.8);
    mergeLora(models, teOnly, 0.8);
    const hostWeight = ([...(host.textEncoder?.namedModules() ?? [])].find(([p]) => p === LINEAR.split(':')[1])?.[1] as unknown as { weight: Parameter }).weight;
    expect(hostWeight.residency).toBe('host');
    const [a, b] = [hostWeight.toTorch(), weightOf(LINEAR).toTorch()];
    // The device model went through earlier merge/unmerge rounds: equal up to those rounding steps.
    expect(tf.tidy(() => a.sub(b).abs().max().dataSync()[0])).toBeLessThan(1e-6);
    unmergeLora(models, teOnly, 0.8);
    tf.dispose([a, b]);
    host.dispose();
  });

  it('refuses StyleInject with DMA or STA, and layers the model lacks, before changing anything', () => {
    const w = weightOf(LINEAR);
    const before = w.toTorch();
    const routed: Adapter = { ...adapter, name: 'routed', config: { ...adapter.config, method: 'styleinject', dma: true } };
    expect(() => mergeLora(models, routed, 1)).toThrow(/cannot merge 'routed': it uses DMA, which depends on each input; attach it instead/);
    const styled: Adapter = { ...adapter, name: 'styled', config: { ...adapter.config, method: 'styleinject', sta: true } };
    expect(() => mergeLora(models, styled, 1)).toThrow(/it uses STA/);
    expect(() => mergeLora({ unet: models.unet }, adapter, 1)).toThrow(/the model has no layer text_encoder:text_model\.encoder\.layers\.0\.mlp\.fc1/);
    const after = w.toTorch();
    expect(after.dataSync()).toEqual(before.dataSync());
    tf.dispose([before, after]);
  });
});
