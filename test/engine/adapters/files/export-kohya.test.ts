import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter, type AdapterLayerKey, type AdapterLayerState } from '../../../../src-main/engine/adapters/adapter';
import { exportKohya, importAdapter, kohyaNameMap } from '../../../../src-main/engine/adapters/files';
import { resolveTargets } from '../../../../src-main/engine/adapters/targets';
import { initBackend } from '../../../../src-main/engine/backend';
import { SafetensorsReader } from '../../../../src-main/engine/io/safetensors';
import { ClipTextModel, sd15ClipTextConfig } from '../../../../src-main/engine/models/clip';
import { SD15_UNET_CONFIG, UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import { goldenLoraFile, tinyShapesOnly } from './tiny-models';

const dir = mkdtempSync(join(tmpdir(), 'kohya-export-'));

/** A rank-1 LoRA of zeros on the given layers (shapes are what the names test needs). */
function zeroLora(keys: AdapterLayerKey[], dims: Map<AdapterLayerKey, [number, number]>): Adapter {
  const layers = new Map<AdapterLayerKey, AdapterLayerState>(
    keys.map((key) => {
      const [dIn, dOut] = dims.get(key) as [number, number];
      return [key, { kind: 'linear', down: tf.zeros([1, dIn]), up: tf.zeros([dOut, 1]), alpha: 1 }];
    }),
  );
  return { name: 'names', config: { method: 'lora', rank: 1, alpha: 1, k: 1, dma: false, sta: false, targets: ['attention-qv'] }, layers, metadata: {} };
}

describe('kohya export', () => {
  beforeAll(() => initBackend({ force: 'wasm' }));

  it("names SD 1.5's real modules as kohya does (all 16 transformer blocks, 12 CLIP layers)", async () => {
    const sd15 = { unet: new UNet2DConditionModel(SD15_UNET_CONFIG), textEncoder: new ClipTextModel({ ...sd15ClipTextConfig }) };
    const names = kohyaNameMap(sd15);
    expect(names.get('lora_unet_up_blocks_3_attentions_2_transformer_blocks_0_attn2_to_k')).toBe('unet:up_blocks.3.attentions.2.transformer_blocks.0.attn2.to_k');
    expect(names.get('lora_unet_mid_block_attentions_0_transformer_blocks_0_attn1_to_out_0')).toBe('unet:mid_block.attentions.0.transformer_blocks.0.attn1.to_out.0');
    expect(names.get('lora_unet_down_blocks_0_attentions_1_transformer_blocks_0_ff_net_0_proj')).toBe('unet:down_blocks.0.attentions.1.transformer_blocks.0.ff.net.0.proj');
    expect(names.get('lora_te_text_model_encoder_layers_11_self_attn_out_proj')).toBe('text_encoder:text_model.encoder.layers.11.self_attn.out_proj');
    expect(names.get('lora_te1_text_model_encoder_layers_11_mlp_fc2')).toBe('text_encoder:text_model.encoder.layers.11.mlp.fc2');

    const targets = resolveTargets(sd15, ['attention-qv']);
    const dims = new Map(targets.map((t) => [t.key, [t.layer.inChannels, t.layer.outChannels] as [number, number]]));
    const adapter = zeroLora(targets.map((t) => t.key), dims);
    const path = join(dir, 'sd15-names.safetensors');
    await exportKohya(path, adapter, { outputName: 'names' });
    const reader = await SafetensorsReader.open(path);
    const modules = new Set(reader.keys().map((k) => k.slice(0, k.indexOf('.'))));
    expect(modules.size).toBe(64);
    expect(modules.has('lora_unet_up_blocks_3_attentions_2_transformer_blocks_0_attn2_to_q')).toBe(true);
    expect(modules.has('lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_v')).toBe(true);
    expect(reader.entry('lora_unet_mid_block_attentions_0_transformer_blocks_0_attn2_to_q.alpha').shape).toEqual([]);
    expect(reader.entry('lora_unet_mid_block_attentions_0_transformer_blocks_0_attn2_to_q.lora_down.weight').shape).toEqual([1, 1280]);
    expect(reader.metadata).toMatchObject({ ss_network_module: 'networks.lora', ss_network_dim: '1', ss_network_alpha: '1', ss_base_model_version: 'sd_v1', ss_output_name: 'names' });
    await reader.close();
    disposeAdapter(adapter);
  });

  it('round-trips export -> import on the tiny model bit for bit, LoCon convs included', async () => {
    const models = tinyShapesOnly();
    const original = await importAdapter(goldenLoraFile(), models);
    const path = join(dir, 'tiny.safetensors');
    await exportKohya(path, original);
    const again = await importAdapter(path, models);
    expect(again.name).toBe(original.name);
    expect([...again.layers.keys()].sort()).toEqual([...original.layers.keys()].sort());
    for (const [key, want] of original.layers) {
      const got = again.layers.get(key) as AdapterLayerState;
      expect(got.alpha).toBe(want.alpha);
      expect(got.down.shape).toEqual(want.down.shape);
      expect(got.down.dataSync()).toEqual(want.down.dataSync());
      expect(got.up.dataSync()).toEqual(want.up.dataSync());
    }
    const reader = await SafetensorsReader.open(path);
    const source = await SafetensorsReader.open(goldenLoraFile());
    expect(reader.keys().sort()).toEqual(source.keys().sort());
    expect(JSON.parse(reader.metadata.ss_network_args)).toEqual({ conv_dim: '4', conv_alpha: '2' });
    await Promise.all([reader.close(), source.close()]);
    disposeAdapter(original);
    disposeAdapter(again);
  });

  it('refuses StyleInject adapters with DMA or STA', async () => {
    const adapter: Adapter = {
      name: 'routed',
      config: { method: 'styleinject', rank: 1, alpha: 1, k: 2, dma: true, sta: false, targets: [] },
      layers: new Map([['unet:a', { kind: 'linear', down: tf.zeros([2, 4]), up: tf.zeros([4, 1]), router: tf.zeros([2, 8]), alpha: 1 }]]),
      metadata: {},
    };
    await expect(exportKohya(join(dir, 'routed.safetensors'), adapter)).rejects.toThrow(/routed\.safetensors: cannot export 'routed' as a kohya LoRA: it uses DMA/);
    adapter.config = { ...adapter.config, dma: false, sta: true, k: 1 };
    await expect(exportKohya(join(dir, 'routed.safetensors'), adapter)).rejects.toThrow(/it uses STA/);
    disposeAdapter(adapter);
  });
});
