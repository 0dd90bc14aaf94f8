import * as tf from '@tensorflow/tfjs';
import { disposeAdapter, type Adapter } from '../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../src-main/engine/adapters/blend';
import { createAdapter } from '../../src-main/engine/adapters/init';
import { adapterSettings } from '../../src-main/engine/adapters/settings';
import { SeededGenerator } from '../../src-main/engine/random';
import { timeRuns } from '../measure';
import { gb, peakRssBytes } from '../sd15/memory';
import { sd15Unet, unetInputs } from '../sd15/models';
import { namedWithOnly } from '../sd15/opt-in';
import type { BenchContext, BenchRow, BenchSection } from '../section';

const SECTION = 'sd15-adapters';

/** An adapter as training leaves it: B moved off zero (B = 0 would cost the same, but looks untrained). */
function trainedLooking(adapter: Adapter, seed: number): Adapter {
  const g = new SeededGenerator(seed);
  for (const layer of adapter.layers.values()) (layer.up as tf.Variable).assign(tf.mul(g.normalTensor(layer.up.shape), 0.01));
  return adapter;
}

/**
 * What an unmerged adapter costs at every denoising step: the UNet forward at SD 1.5's real
 * shapes (batch 1, 64x64 latents) with 0, 1 and 3 adapters on the paper's targets
 * (to_q / to_v of attn1 and attn2): StyleInject K = 16 r = 32, plus LoRA r = 32 and another
 * StyleInject for three.
 */
async function measure(ctx: BenchContext): Promise<BenchRow[]> {
  const unet = await sd15Unet();
  console.log(`[${SECTION}] weights ${unet.line}`);
  const models = { unet: unet.model };
  const adapters = [
    trainedLooking(createAdapter(models, adapterSettings({ method: 'styleinject', rank: 32, k: 16 }), { seed: 1, name: 'styleinject-k16-r32' }), 11),
    trainedLooking(createAdapter(models, adapterSettings({ method: 'lora', rank: 32 }), { seed: 2, name: 'lora-r32' }), 12),
    trainedLooking(createAdapter(models, adapterSettings({ method: 'styleinject', rank: 32, k: 16 }), { seed: 3, name: 'styleinject-k16-r32-b' }), 13),
  ];
  const { sample, context } = unetInputs(1);
  const forward = async () => {
    const out = unet.model.forward(sample, 981, context);
    await out.data();
    out.dispose();
  };
  const rows: BenchRow[] = [];
  try {
    await forward(); // warm-up: kernels set up once for all configurations
    let baseMs = 0;
    for (const count of [0, 1, 3]) {
      const session = count > 0 ? attachAdapters(models, adapters.slice(0, count).map((adapter) => ({ adapter, weight: 0.8 }))) : null;
      try {
        const timing = await timeRuns(forward, ctx);
        if (count === 0) baseMs = timing.medianMs;
        const ratio = timing.medianMs / baseMs;
        const label = count === 0 ? 'UNet b1, no adapter' : `UNet b1 + ${count} adapter${count > 1 ? 's' : ''} (x${ratio.toFixed(3)})`;
        rows.push({ section: SECTION, backend: tf.getBackend(), op: label, shape: '64x64x4, ctx 77x768', gflop: 0, gflops: 0, ...timing });
        console.log(`[${SECTION}] ${label}: ${(timing.medianMs / 1000).toFixed(2)} s, peak RSS ${gb(peakRssBytes())}`);
      } finally {
        session?.detach();
      }
    }
  } finally {
    tf.dispose([sample, context]);
    adapters.forEach(disposeAdapter);
    unet.model.dispose();
  }
  return rows;
}

export const section: BenchSection = {
  name: SECTION,
  description: 'UNet forward at SD 1.5 shapes with 0, 1 and 3 unmerged adapters: the overhead ratio (minutes; --only sd15-adapters)',
  run: (ctx) => (namedWithOnly(SECTION) ? measure(ctx) : Promise.resolve([])),
};
