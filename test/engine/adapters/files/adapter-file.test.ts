import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter, type AdapterLayerKey } from '../../../../src-main/engine/adapters/adapter';
import { loadAdapter, saveAdapter } from '../../../../src-main/engine/adapters/files';
import { initBackend } from '../../../../src-main/engine/backend';
import { writeSafetensors } from '../../../../src-main/engine/io/safetensors';

const dir = mkdtempSync(join(tmpdir(), 'adapter-file-'));

/** A StyleInject adapter (K 2, r 3, DMA + STA) on one Linear and one 3x3 conv, random values. */
function styleInjectAdapter(): Adapter {
  const k = 2;
  const r = 3;
  const layer = (dIn: number, dOut: number, kernel: number[], seed: number) => ({
    kind: kernel.length ? ('conv2d' as const) : ('linear' as const),
    down: tf.randomNormal([k * r, dIn, ...kernel], 0, 1, 'float32', seed),
    up: tf.randomNormal([dOut, r, ...kernel.map(() => 1)], 0, 1, 'float32', seed + 1),
    router: tf.randomNormal([k, 2 * dIn], 0, 1, 'float32', seed + 2),
    gamma: tf.randomNormal([dOut], 1, 0.1, 'float32', seed + 3),
    alpha: 0.3, // not a float32 value: the file must still give back exactly 0.3
  });
  return {
    name: 'ink wash',
    config: { method: 'styleinject', rank: r, alpha: 0.3, k, dma: true, sta: true, targets: ['attention-qv'] },
    layers: new Map<AdapterLayerKey, ReturnType<typeof layer>>([
      ['unet:down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q', layer(8, 6, [], 10)],
      ['unet:down_blocks.1.resnets.0.conv1', layer(4, 5, [3, 3], 20)],
    ]),
    metadata: { note: 'kept as is' },
  };
}

function expectSameBits(a: tf.Tensor | undefined, b: tf.Tensor | undefined): void {
  expect(b?.shape).toEqual(a?.shape);
  expect(Buffer.from((b as tf.Tensor).dataSync().buffer).equals(Buffer.from((a as tf.Tensor).dataSync().buffer))).toBe(true);
}

describe('our adapter file', () => {
  beforeAll(() => initBackend({ force: 'wasm' }));

  it('round-trips bit for bit with the same config and metadata', async () => {
    const adapter = styleInjectAdapter();
    const path = join(dir, 'round-trip.safetensors');
    await saveAdapter(path, adapter, { base_model_name: 'sd15', training: JSON.stringify({ steps: 10 }) });
    const loaded = await loadAdapter(path);
    expect(loaded.name).toBe(adapter.name);
    expect(loaded.config).toEqual(adapter.config);
    expect(loaded.metadata).toMatchObject({ note: 'kept as is', base_model_name: 'sd15', training: '{"steps":10}' });
    expect(Date.parse(loaded.metadata.created)).toBeGreaterThan(0);
    expect([...loaded.layers.keys()].sort()).toEqual([...adapter.layers.keys()].sort());
    for (const [key, want] of adapter.layers) {
      const got = loaded.layers.get(key);
      expect(got?.kind).toBe(want.kind);
      expect(got?.alpha).toBe(0.3);
      for (const t of ['down', 'up', 'router', 'gamma'] as const) expectSameBits(want[t], got?.[t]);
    }
    // Saving what was loaded writes the same file again (created time kept).
    const again = join(dir, 'again.safetensors');
    await saveAdapter(again, loaded);
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
    disposeAdapter(adapter);
    disposeAdapter(loaded);
  });

  it('refuses a file from a newer format version, naming the file', async () => {
    const path = join(dir, 'newer.safetensors');
    const adapter = styleInjectAdapter();
    await saveAdapter(path, adapter);
    disposeAdapter(adapter);
    const bytes = readFileSync(path);
    const headerLength = Number(bytes.readBigUInt64LE(0));
    const header = bytes.subarray(8, 8 + headerLength).toString('utf8').replace('"format_version":"1"', '"format_version":"9"');
    writeFileSync(path, Buffer.concat([bytes.subarray(0, 8), Buffer.from(header), bytes.subarray(8 + headerLength)]));
    await expect(loadAdapter(path)).rejects.toThrow(/newer\.safetensors.*newer StyleInject Studio \(adapter format version 9; this version reads up to 1\)/);
  });

  it('names the file and key of a layer that does not fit its config', async () => {
    const path = join(dir, 'bad-router.safetensors');
    const metadata = { format: 'styleinject', format_version: '1', name: 'x', method: 'styleinject', rank: '2', k: '2', alpha: '2', dma: 'true', sta: 'false', targets: '[]' };
    const t = (shape: number[]) => ({ data: new Float32Array(shape.reduce((a, b) => a * b, 1)), shape });
    await writeSafetensors(
      path,
      { 'unet.a.to_q.down.weight': t([4, 8]), 'unet.a.to_q.up.weight': t([6, 2]), 'unet.a.to_q.router.weight': t([2, 8]), 'unet.a.to_q.alpha': t([]) },
      { metadata },
    );
    await expect(loadAdapter(path)).rejects.toThrow(/bad-router\.safetensors \[unet\.a\.to_q\]: router \[2, 8\] should be \(K, 2\*d_in\) = \[2, 16\]/);
    await writeSafetensors(path, { 'unet.a.to_q.down.weight': t([4, 8]), 'unet.a.to_q.lora_up': t([6, 2]) }, { metadata });
    await expect(loadAdapter(path)).rejects.toThrow(/\[unet\.a\.to_q\.lora_up\]: not a key of the adapter layout/);
    await writeSafetensors(path, { 'unet.a.to_q.down.weight': t([4, 8]), 'unet.a.to_q.alpha': t([]), 'unet.a.to_q.router.weight': t([2, 16]) }, { metadata });
    await expect(loadAdapter(path)).rejects.toThrow(/\[unet\.a\.to_q\]: layer lacks up/);
  });

  it('keeps an existing file when a save fails, and refuses config keys as extra metadata', async () => {
    const path = join(dir, 'kept.safetensors');
    const adapter = styleInjectAdapter();
    await saveAdapter(path, adapter);
    const before = readFileSync(path);
    await expect(saveAdapter(path, adapter, { rank: '99' })).rejects.toThrow(/rank comes from the adapter's config/);
    const broken: Adapter = { ...adapter, config: { ...adapter.config, sta: false } };
    await expect(saveAdapter(path, broken)).rejects.toThrow(/kept\.safetensors \[unet:.*\]: cannot save: STA is off but the layer has gamma/);
    expect(readFileSync(path).equals(before)).toBe(true);
    disposeAdapter(adapter);
  });

  it('saves fp16 on request (within half-precision rounding) and leaks no tensors over repeated loads', async () => {
    const adapter = styleInjectAdapter();
    const path = join(dir, 'half.safetensors');
    await saveAdapter(path, adapter, {}, { dtype: 'F16' });
    const first = await loadAdapter(path);
    const down = adapter.layers.values().next().value?.down as tf.Tensor;
    const got = first.layers.values().next().value?.down as tf.Tensor;
    const diff = tf.tidy(() => got.sub(down).abs().max().dataSync()[0]);
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThan(4e-3);
    disposeAdapter(first);
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) disposeAdapter(await loadAdapter(path));
    expect(tf.memory().numTensors).toBe(tensors);
    disposeAdapter(adapter);
  });
});
