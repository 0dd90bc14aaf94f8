import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src-main/engine/backend';
import { sd15ClipTextConfig } from '../../../../src-main/engine/models/clip/config';
import { ClipTextModel } from '../../../../src-main/engine/models/clip/text-model';
import { SD15_UNET_CONFIG, UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import { AutoencoderKL, SD15_VAE_CONFIG } from '../../../../src-main/engine/models/vae';
import { applyResidency } from '../../../../src-main/engine/nn/weight-residency';
import { loadStableDiffusion, type StableDiffusion } from '../../../../src-main/engine/pipelines/stable-diffusion';
import { checkTxt2ImgSettings, estimateGenerationMemory, memoryBudget, txt2img } from '../../../../src-main/engine/pipelines/txt2img';
import { checkGenerationMemory } from '../../../../src-main/engine/pipelines/txt2img/memory-estimate';
import { goldenDir } from '../../../parity/golden';

const settings = { steps: 20, batch: 1, width: 512, height: 512, cfgScale: 7.5, seed: 1, clipSkip: 1 };

describe('txt2img limits and memory estimate', () => {
  let tiny: StableDiffusion;
  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
    tiny = await loadStableDiffusion(join(goldenDir(), 'models', 'diffusers'));
  });
  afterAll(() => tiny?.dispose());

  it('refuses sizes, steps and batches beyond the limits, naming the limit', () => {
    expect(() => checkTxt2ImgSettings(settings)).not.toThrow();
    expect(() => checkTxt2ImgSettings({ ...settings, width: 65536 })).toThrow('width 65536 px is above the limit of 2048 px');
    expect(() => checkTxt2ImgSettings({ ...settings, steps: 1001 })).toThrow('steps 1001 is above the limit of 1000');
    expect(() => checkTxt2ImgSettings({ ...settings, batch: 17 })).toThrow('batch 17 is above the limit of 16');
    expect(() => checkTxt2ImgSettings({ ...settings, batch: 0 })).toThrow('batch must be a positive integer, got 0');
  });

  it('is at least the peak of tensor memory measured while generating on the tiny model', async () => {
    for (const [side, batch, cfgScale] of [[32, 1, 7.5], [64, 2, 7.5], [128, 1, 1], [128, 1, 7.5]] as const) {
      const measured = await tf.profile(async () => {
        await txt2img(tiny, { prompt: 'x', steps: 1, width: side, height: side, batch, cfgScale, seed: 1 });
      });
      const estimate = estimateGenerationMemory(tiny, { width: side, height: side, batch, guided: cfgScale !== 1 });
      expect(estimate.totalBytes, `${side} px, batch ${batch}, cfg ${cfgScale}`).toBeGreaterThanOrEqual(measured.peakBytes);
    }
  });

  it('refuses before any work what cannot fit, with the figure', async () => {
    const before = tf.memory().numTensors;
    await expect(txt2img(tiny, { prompt: 'x', steps: 1, width: 2048, height: 2048 })).rejects.toThrow(
      /^a 2048x2048 image needs about \d+\.\d\d GB while generating \(weights 0\.01 GB, denoising \d+\.\d+ GB, decoding \d+\.\d+ GB\), more than 4\.29 GB in the wasm backend's 4 GiB heap: choose a smaller size or batch$/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it("at SD 1.5's shapes on wasm: 512 px fits the heap, 1024 px does not", () => {
    // The models as loadModelFiles places them (the UNet's weights host-resident on wasm), without weights.
    const models = { unet: new UNet2DConditionModel(SD15_UNET_CONFIG), vae: new AutoencoderKL(SD15_VAE_CONFIG), textEncoder: new ClipTextModel({ ...sd15ClipTextConfig }) };
    Object.values(models).forEach((m) => applyResidency(m));
    const at = (side: number) => estimateGenerationMemory(models, { width: side, height: side, batch: 1, guided: true });
    const budget = memoryBudget('wasm');
    expect(at(512).totalBytes).toBeLessThan(budget.bytes);
    expect(() => checkGenerationMemory(at(512), budget, 'a 512x512 image')).not.toThrow();
    expect(() => checkGenerationMemory(at(1024), budget, 'a 1024x1024 image')).toThrow(/^a 1024x1024 image needs about \d+\.\d\d GB .*more than 4\.29 GB in the wasm backend's 4 GiB heap/);
    Object.values(models).forEach((m) => m.dispose());
  });
});
