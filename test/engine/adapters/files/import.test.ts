import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, splitAdapterLayerKey, type Adapter } from '../../../../src-main/engine/adapters/adapter';
import { importAdapter } from '../../../../src-main/engine/adapters/files';
import { initBackend } from '../../../../src-main/engine/backend';
import { SafetensorsReader, writeSafetensors, type TensorToWrite } from '../../../../src-main/engine/io/safetensors';
import { goldenLoraFile, loraCase, tinyShapesOnly } from './tiny-models';

const dir = mkdtempSync(join(tmpdir(), 'lora-import-'));
const models = tinyShapesOnly();

interface TargetEntry {
  lora_name: string;
  model: 'unet' | 'text_encoder';
  module: string;
  layer: string;
  rank: number;
  alpha: number;
}
const manifestTargets = () => (loraCase().manifest.targets as { list: TargetEntry[] }).list;

/** The golden kohya file's tensors, by key. */
async function kohyaTensors(): Promise<Map<string, TensorToWrite>> {
  const reader = await SafetensorsReader.open(goldenLoraFile());
  try {
    const out = new Map<string, TensorToWrite>();
    for (const key of reader.keys()) out.set(key, { data: await reader.readFloat32(key), shape: reader.entry(key).shape });
    return out;
  } finally {
    await reader.close();
  }
}

/** The same LoRA under other key names (`rename` returns undefined to drop a key). */
async function rewritten(name: string, rename: (module: TargetEntry, tensor: 'down' | 'up' | 'alpha') => string | undefined, dtype: 'F32' | 'F16' = 'F32') {
  const source = await kohyaTensors();
  const tensors = new Map<string, TensorToWrite>();
  for (const t of manifestTargets()) {
    for (const [tensor, suffix] of [['down', '.lora_down.weight'], ['up', '.lora_up.weight'], ['alpha', '.alpha']] as const) {
      const key = rename(t, tensor);
      if (key) tensors.set(key, source.get(t.lora_name + suffix) as TensorToWrite);
    }
  }
  const path = join(dir, name);
  await writeSafetensors(path, tensors, { dtype });
  return path;
}

function expectSameValues(a: Adapter, b: Adapter, alpha: (t: TargetEntry) => number): void {
  expect([...b.layers.keys()].sort()).toEqual([...a.layers.keys()].sort());
  for (const t of manifestTargets()) {
    const key = `${t.model}:${t.module}` as const;
    const x = a.layers.get(key);
    const y = b.layers.get(key);
    expect(y?.alpha).toBe(alpha(t));
    expect(y?.kind).toBe(x?.kind);
    expect(y?.down.shape).toEqual(x?.down.shape);
    expect(y?.up.dataSync()).toEqual(x?.up.dataSync());
  }
}

describe('community LoRA import', () => {
  let kohya: Adapter;
  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
    kohya = await importAdapter(goldenLoraFile(), models);
  });

  it('maps every kohya module of the golden file to the module the manifest names', () => {
    const targets = manifestTargets();
    expect(kohya.layers.size).toBe(targets.length);
    for (const t of targets) {
      const layer = kohya.layers.get(`${t.model}:${t.module}`);
      expect(layer, t.lora_name).toBeDefined();
      expect(layer?.alpha).toBe(t.alpha);
      expect(layer?.up.shape[1]).toBe(t.rank);
      expect(layer?.kind).toBe(t.layer === 'linear' ? 'linear' : 'conv2d');
    }
    expect(kohya.config).toMatchObject({ method: 'lora', rank: 4, alpha: 2, k: 1, dma: false, sta: false });
    expect(kohya.name).toBe('tiny_sd15_kohya_lora');
    expect(kohya.metadata.ss_network_module).toBe('networks.lora');
  });

  it('reads PEFT lora_A/lora_B keys with network alphas, and alpha = rank when alphas are missing', async () => {
    const peft = await rewritten('peft.safetensors', (t, tensor) => `${t.model}.${t.module}.${{ down: 'lora_A.weight', up: 'lora_B.weight', alpha: 'alpha' }[tensor]}`);
    const withAlpha = await importAdapter(peft, models);
    expectSameValues(kohya, withAlpha, (t) => t.alpha);
    const noAlpha = await rewritten('peft-no-alpha.safetensors', (t, tensor) => (tensor === 'alpha' ? undefined : `${t.model}.${t.module}.lora_${tensor === 'down' ? 'A' : 'B'}.weight`));
    const rankAlpha = await importAdapter(noAlpha, models);
    expectSameValues(kohya, rankAlpha, (t) => t.rank);
    disposeAdapter(withAlpha);
    disposeAdapter(rankAlpha);
  });

  it('reads the .lora.down/.lora.up and attention-processor layouts, and fp16 files', async () => {
    const loraDot = await rewritten('lora-dot.safetensors', (t, tensor) => `${t.model}.${t.module}.${tensor === 'alpha' ? 'alpha' : `lora.${tensor}.weight`}`, 'F16');
    const a = await importAdapter(loraDot, models);
    expect(a.layers.size).toBe(manifestTargets().length);
    const layer = a.layers.get('unet:down_blocks.1.resnets.0.conv1');
    const want = kohya.layers.get('unet:down_blocks.1.resnets.0.conv1');
    const diff = tf.tidy(() => (layer as { down: tf.Tensor }).down.sub((want as { down: tf.Tensor }).down).abs().max().dataSync()[0]);
    expect(diff).toBeLessThan(1e-3); // fp16 rounding of values around 0.1
    disposeAdapter(a);

    // Old diffusers attention processors: UNet attention only, no prefix; to_out_lora is to_out.0.
    const processor = await rewritten('processor.safetensors', (t, tensor) => {
      const m = /^(.*\.attn[12])\.(to_q|to_k|to_v|to_out)(\.0)?$/.exec(t.module);
      return m && tensor !== 'alpha' ? `${m[1]}.processor.${m[2]}_lora.${tensor}.weight` : undefined;
    });
    const b = await importAdapter(processor, models);
    const attention = manifestTargets().filter((t) => /attn[12]\.to_/.test(t.module));
    expect([...b.layers.keys()].sort()).toEqual(attention.map((t) => `unet:${t.module}`).sort());
    expect(b.layers.get('unet:down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_out.0')?.alpha).toBe(4);
    disposeAdapter(b);
  });

  it('refuses other adapter kinds by name, with example keys', async () => {
    const t = { data: new Float32Array(4), shape: [2, 2] };
    const cases: [string, string, RegExp][] = [
      ['loha', 'lora_unet_down_blocks_1_attentions_0_proj_in.hada_w1_a', /not supported: LoHa .*keys like lora_unet_down_blocks_1_attentions_0_proj_in\.hada_w1_a/],
      ['lokr', 'lora_unet_x.lokr_w1', /not supported: LoKr/],
      ['tucker', 'lora_unet_x.lora_mid.weight', /not supported: LoCon\/LoRA with a Tucker core/],
      ['dora', 'lora_unet_x.dora_scale', /not supported: DoRA/],
      ['mixed', 'model.diffusion_model.input_blocks.0.0.weight', /not supported: keys outside the kohya and diffusers LoRA layouts \(model\.diffusion_model\.input_blocks\.0\.0\.weight\)/],
    ];
    for (const [name, key, message] of cases) {
      const path = join(dir, `${name}.safetensors`);
      await writeSafetensors(path, { [key]: t, 'lora_unet_x.lora_down.weight': t });
      await expect(importAdapter(path, models)).rejects.toThrow(message);
    }
    const checkpoint = join(dir, 'checkpoint.safetensors');
    await writeSafetensors(checkpoint, { 'model.diffusion_model.out.2.weight': t });
    await expect(importAdapter(checkpoint, models)).rejects.toThrow(/checkpoint\.safetensors: not supported: not a LoRA file in kohya or diffusers\/PEFT layout \(keys like model\.diffusion_model\.out\.2\.weight\)/);
  });

  it('lists modules the model lacks, and layers whose shapes do not fit, naming file and key', async () => {
    const source = await kohyaTensors();
    const path = join(dir, 'unknown.safetensors');
    const renamed = new Map([...source].map(([k, v]) => [k.replace('lora_unet_down_blocks_1', 'lora_unet_down_blocks_7'), v]));
    await writeSafetensors(path, renamed);
    await expect(importAdapter(path, models)).rejects.toThrow(/unknown\.safetensors \[lora_unet_down_blocks_7_.*\]: \d+ of 108 modules are not in the loaded model: lora_unet_down_blocks_7_/);

    const swapped = new Map(source);
    swapped.set('lora_te_text_model_encoder_layers_0_mlp_fc1.lora_down.weight', source.get('lora_te_text_model_encoder_layers_0_mlp_fc2.lora_down.weight') as TensorToWrite);
    await writeSafetensors(path, swapped);
    await expect(importAdapter(path, models)).rejects.toThrow(/\[lora_te_text_model_encoder_layers_0_mlp_fc1\]: down \[4, 37\] \/ up \[37, 4\] do not fit the model's layer \(Linear 32 -> 37\)/);

    // A text-encoder LoRA with only a UNet given: its te modules cannot resolve.
    await expect(importAdapter(goldenLoraFile(), { unet: models.unet })).rejects.toThrow(/12 of 108 modules are not in the loaded model: lora_te_text_model_encoder_layers_0_mlp_fc1, .* and 7 more/);
  });

  it('accepts kohya lora_te1_ as the text encoder', async () => {
    const path = await rewritten('te1.safetensors', (t, tensor) => {
      const name = t.lora_name.replace(/^lora_te_/, 'lora_te1_');
      return `${name}${{ down: '.lora_down.weight', up: '.lora_up.weight', alpha: '.alpha' }[tensor]}`;
    });
    const a = await importAdapter(path, models);
    expectSameValues(kohya, a, (t) => t.alpha);
    expect([...a.layers.keys()].filter((k) => splitAdapterLayerKey(k).component === 'text_encoder')).toHaveLength(12);
    disposeAdapter(a);
  });
});
