import * as tf from '@tensorflow/tfjs';
import { disposeAdapter } from '../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../src-main/engine/adapters/blend';
import type { AdapterSettings } from '../../src-main/engine/adapters/config-check';
import { createAdapter } from '../../src-main/engine/adapters/init';
import { loraSettings } from '../../src-main/engine/adapters/lora/config';
import { styleInjectSettings } from '../../src-main/engine/adapters/styleinject/config';
import { adapterBlockVariables, checkpointedUNetForward, plainUNetForward } from '../../src-main/engine/training/checkpointing';
import type { UNetForward } from '../../src-main/engine/training/objectives/objective';
import { onEachBackend } from '../measure';
import type { BenchRow, BenchSection } from '../section';
import { gb, peakRssBytes, resetPeakRss, wasmHeapBytes } from '../sd15/memory';
import { sd15Unet, unetInputs } from '../sd15/models';
import { namedWithOnly } from '../sd15/opt-in';

const SECTION = 'train-step';
/** docs/backends.md: diffusers on PyTorch CPU, 2 threads, LoRA r=32 on to_q/to_v, batch 1, 64x64 latents. */
const PYTORCH_STEP = { ms: 44_900, peakRssBytes: 9.5 * 2 ** 30 };
const SHAPE = 'b1, 64x64x4, ctx 77x768';

const ADAPTERS: { name: string; settings: AdapterSettings }[] = [
  { name: 'StyleInject K=16 r=32', settings: styleInjectSettings({ rank: 32, k: 16 }) },
  { name: 'LoRA r=32', settings: loraSettings({ rank: 32 }) },
];

interface Measured {
  ms: number;
  peakRss: number;
  error?: string;
}

/** Runs `once` a single time (SD-sized: minutes), with the peak RSS of that run alone. */
async function measureOnce(once: () => Promise<void>): Promise<Measured> {
  resetPeakRss();
  const t0 = performance.now();
  try {
    await once();
    return { ms: performance.now() - t0, peakRss: peakRssBytes() };
  } catch (error) {
    return { ms: performance.now() - t0, peakRss: peakRssBytes(), error: (error as Error).message.slice(0, 160) };
  }
}

async function measure(): Promise<BenchRow[]> {
  const log = (line: string) => console.log(`[${SECTION}] ${line}`);
  const unet = sd15Unet();
  log(`weights ${unet.line}`);
  const { sample, context } = unetInputs(1);
  const target = tf.randomNormal(sample.shape, 0, 1, 'float32', 23) as tf.Tensor4D;
  const timesteps = tf.tensor1d([500], 'int32');
  const rows: BenchRow[] = [];
  const row = (op: string, m: Measured): BenchRow => ({ section: SECTION, backend: tf.getBackend(), op, shape: SHAPE, gflop: 0, medianMs: m.ms, gflops: 0, runs: 1 });

  const forward = await measureOnce(async () => {
    const out = unet.model.forward(sample, timesteps, context);
    await out.data();
    out.dispose();
  });
  rows.push(row('UNet forward (this run)', forward));
  log(`UNet forward: ${(forward.ms / 1000).toFixed(1)} s, peak RSS ${gb(forward.peakRss)}`);

  const results: string[] = [];
  for (const { name, settings } of ADAPTERS) {
    const adapter = createAdapter({ unet: unet.model }, settings, { seed: 1, targets: ['attention-qv'] });
    const session = attachAdapters({ unet: unet.model }, [{ adapter, weight: 1 }]);
    const vars = [...adapter.layers.values()].flatMap((s) => [s.down, s.up, s.router, s.gamma]).filter((t): t is tf.Variable => t instanceof tf.Variable);
    const count = vars.reduce((n, v) => n + v.size, 0);
    const step = (unetForward: UNetForward) => async () => {
      const { value, grads } = tf.variableGrads(() => {
        const eps = unetForward(unet.model, sample, timesteps, context, false).sample;
        return tf.mean(tf.squaredDifference(eps, target)) as tf.Scalar;
      }, vars);
      await value.data();
      tf.dispose([value, grads]);
    };
    const variants: [string, UNetForward][] = [
      ['checkpointed', checkpointedUNetForward({ variablesFor: adapterBlockVariables([adapter]) })],
      ['plain', plainUNetForward],
    ];
    for (const [label, unetForward] of variants) {
      const m = await measureOnce(step(unetForward));
      const what = `${name} (${(count / 1e6).toFixed(2)}M trainable), ${label}`;
      if (m.error) {
        results.push(`${what}: FAILED after ${(m.ms / 1000).toFixed(1)} s (${m.error}); peak RSS ${gb(m.peakRss)}`);
        continue;
      }
      rows.push(row(`train step ${name}, ${label}`, m));
      results.push(`${what}: ${(m.ms / 1000).toFixed(1)} s/step (${(m.ms / forward.ms).toFixed(2)}x forward), peak RSS ${gb(m.peakRss)}`);
    }
    session.detach();
    disposeAdapter(adapter);
  }
  tf.dispose([sample, context, target, timesteps]);
  unet.model.dispose();

  for (const line of results) log(line);
  log(`PyTorch CPU (backends.md, LoRA r=32, idle machine): ${(PYTORCH_STEP.ms / 1000).toFixed(1)} s/step, peak RSS ${gb(PYTORCH_STEP.peakRssBytes)}; wasm heap now ${gb(wasmHeapBytes() ?? 0)}`);
  return rows;
}

export const section: BenchSection = {
  name: SECTION,
  description: 'one adapter training step at SD 1.5 shapes (StyleInject K=16 r=32, LoRA r=32 on attn1/attn2 to_q/to_v), with and without gradient checkpointing, beside a forward (minutes)',
  run: async (ctx) => (namedWithOnly(SECTION) ? onEachBackend(ctx, () => measure(), ['wasm']) : []),
};
