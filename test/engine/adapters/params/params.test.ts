import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelFileShapes, countAdapterParams, formatMillions, layerParams, sd15Shapes, table4 } from '../../../../src-main/engine/adapters/params';
import { goldenDir } from '../../../parity/golden';

describe('adapter parameter counter', () => {
  const sd15 = sd15Shapes();

  it("finds the paper's 64 target layers in SD 1.5 (sum d_in 49,728, sum d_out 49,920)", () => {
    const count = countAdapterParams(sd15, { method: 'lora', rank: 32, k: 1, dma: false, sta: false });
    expect(count.layers).toHaveLength(64);
    expect(count.sumDIn).toBe(49_728);
    expect(count.sumDOut).toBe(49_920);
    expect(count.layers.filter((l) => l.key.endsWith('attn2.to_q'))).toHaveLength(16);
  });

  it("reproduces Table IV's #Param column exactly", () => {
    const rows = table4(sd15).map(({ label, count }) => [label, count.total, formatMillions(count.total)]);
    expect(rows).toEqual([
      ['LoRA r=32', 3_188_736, '3.19M'],
      ['LoRA r=128', 12_754_944, '12.75M'],
      ['LoRA r=512', 51_019_776, '51.02M'],
      ['StyleInject K=1, r=32', 3_338_112, '3.34M'],
      ['StyleInject K=4, r=32', 8_410_368, '8.41M'],
      ['StyleInject K=16, r=32', 28_699_392, '28.70M'],
    ]);
  });

  it('counts each part per spec section 4: router with DMA even at K = 1, gamma with STA, conv kernels in down', () => {
    const linear = { dIn: 320, dOut: 640, kernelArea: 1 };
    expect(layerParams({ method: 'lora', rank: 4, k: 1, dma: false, sta: false }, linear)).toEqual({ down: 1280, up: 2560, router: 0, gamma: 0, total: 3840 });
    expect(layerParams({ method: 'styleinject', rank: 4, k: 1, dma: true, sta: false }, linear).router).toBe(640);
    expect(layerParams({ method: 'styleinject', rank: 4, k: 3, dma: true, sta: true }, linear)).toEqual({ down: 3840, up: 2560, router: 1920, gamma: 640, total: 8960 });
    expect(layerParams({ method: 'styleinject', rank: 4, k: 1, dma: false, sta: true }, linear)).toEqual({ down: 1280, up: 2560, router: 0, gamma: 640, total: 4480 });
    expect(layerParams({ method: 'lora', rank: 2, k: 1, dma: false, sta: false }, { dIn: 32, dOut: 64, kernelArea: 9 }).down).toBe(576);
  });

  it("counts from a checkpoint's headers without loading weights", async () => {
    const file = join(goldenDir(), 'models', 'sd15_tiny_single_file.safetensors');
    // The tiny text encoder's heads are not a multiple of 64 wide: that needs its config, and says so.
    await expect(modelFileShapes(file)).rejects.toThrow(/not a multiple of 64.*--config/);
    const models = await modelFileShapes(file, join(goldenDir(), 'models', 'diffusers'));
    expect([...(models.unet?.namedParameters() ?? [])].every(([, p]) => !p.loaded)).toBe(true);
    expect(models.unet).toBeDefined();
    const count = countAdapterParams(models, { method: 'lora', rank: 4, k: 1, dma: false, sta: false }, ['resnet-conv', 'text-encoder']);
    const conv = count.layers.find((l) => l.key === 'unet:down_blocks.1.resnets.0.conv1');
    expect(conv).toMatchObject({ kind: 'conv2d', dIn: 32, dOut: 64, kernelArea: 9, down: 4 * 32 * 9, up: 4 * 64 });
    expect(count.layers.filter((l) => l.key.startsWith('text_encoder:'))).toHaveLength(12);
  });

  it('refuses settings that do not describe an adapter', () => {
    expect(() => countAdapterParams(sd15, { method: 'lora', rank: 4, k: 2, dma: false, sta: false })).toThrow(/a LoRA adapter has K = 1 and neither DMA nor STA/);
    expect(() => countAdapterParams(sd15, { method: 'styleinject', rank: 4, k: 4, dma: false, sta: true })).toThrow(/K = 4 parallel down matrices need DMA/);
    expect(() => countAdapterParams(sd15, { method: 'lora', rank: 0, k: 1, dma: false, sta: false })).toThrow(/rank must be a positive integer/);
    expect(() => countAdapterParams(sd15, { method: 'lora', rank: 4, k: 1, dma: false, sta: false }, ['unet:*.attn3.to_q'])).toThrow(/matched no Linear\/Conv2d layer/);
  });
});
