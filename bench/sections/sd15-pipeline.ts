import * as tf from '@tensorflow/tfjs';
import { benchTensor, fullSizeBackends, measureOp, onEachBackend, timeMedian, timeRuns } from '../measure';
import type { BenchContext, BenchRow, BenchSection } from '../section';
import { namedWithOnly } from '../sd15/opt-in';
import { flopByCategory, formatProfile, linearWeightShapes, profileKernels, type KernelProfile } from '../sd15/kernel-profile';
import { gb, peakRssBytes, resetPeakRss, wasmHeapBytes } from '../sd15/memory';
import { clipInputIds, sd15Clip, sd15Unet, sd15Vae, unetInputs } from '../sd15/models';
import { imageMs, PYTORCH_PEER } from '../sd15/peer';
import type { WeightResidencyOption } from '../../src-main/engine/nn/weight-residency';

const SECTION = 'sd15';

/** SD15_RESIDENCY=auto|device|host (default auto) places all three models, as loadModelFiles's option. */
function residencyOption(): WeightResidencyOption {
  const value = process.env.SD15_RESIDENCY ?? 'auto';
  if (value !== 'auto' && value !== 'device' && value !== 'host') throw new Error(`SD15_RESIDENCY must be auto, device or host, got ${value}`);
  return value;
}
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Runs fn, reads its result back and frees it. */
async function readAndFree(fn: () => tf.Tensor): Promise<void> {
  const out = fn();
  await out.data();
  out.dispose();
}

const countedGflop = (p: KernelProfile) => {
  const f = flopByCategory(p.totals);
  return f.conv + f.linear + f.attention;
};

function row(op: string, shape: string, gflop: number, timing: { medianMs: number; runs: number }): BenchRow {
  return { section: SECTION, backend: tf.getBackend(), op, shape, gflop, ...timing, gflops: gflop / (timing.medianMs / 1000) };
}

async function measure(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const log = (line: string) => console.log(`[sd15] ${line}`);

  // The backend's matmul peak, in this run, for the utilization figure.
  for (const [m, k, n] of [[1024, 1024, 1024], [2048, 768, 768]]) {
    rows.push(
      await measureOp(
        ctx,
        { section: SECTION, op: 'matMul (peak ref)', shape: `${m}x${k} @ ${k}x${n}`, gflop: (2 * m * k * n) / 1e9 },
        () => [benchTensor([m, k], 1), benchTensor([k, n], 2)],
        ([a, b]) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
      ),
    );
  }
  const peak = Math.max(...rows.map((r) => r.gflops));

  const option = residencyOption();
  const clip = await sd15Clip(option);
  const vae = await sd15Vae(option);
  const unet = await sd15Unet(option);
  const weightBytes = clip.residency.weightBytes + vae.residency.weightBytes + unet.residency.weightBytes;
  [clip, vae, unet].forEach((b) => log(`weights ${b.line}`));
  log(`after loading: backend memory ${gb(tf.memory().numBytes)}, wasm heap ${gb(wasmHeapBytes() ?? 0)}, peak RSS so far ${gb(peakRssBytes())}`);
  const windowed = resetPeakRss();
  const heapAfter: string[] = [];
  const phase = (name: string) => heapAfter.push(`${name} ${gb(wasmHeapBytes() ?? 0)}`);

  // Text encoder, batch 2 x 77 (the CFG pair).
  const ids = clipInputIds(2);
  const clipProfile = await profileKernels(() => clip.model.encode(ids), linearWeightShapes(clip.model));
  clipProfile.result?.dispose();
  const clipTiming = await timeMedian(() => readAndFree(() => clip.model.encode(ids)), ctx);
  ids.dispose();
  rows.push(row('CLIP text encoder', '2x77 tokens', countedGflop(clipProfile), clipTiming));
  phase('CLIP');

  // UNet at 64x64 latents: batch 1 (warm-up under tf.profile, which also counts the FLOPs), then batch 2.
  const linears = linearWeightShapes(unet.model);
  const b1 = unetInputs(1);
  const unetProfile = await profileKernels(() => unet.model.forward(b1.sample, 981, b1.context), linears);
  unetProfile.result?.dispose();
  const unetGflop = countedGflop(unetProfile);
  const b1Timing = await timeRuns(() => readAndFree(() => unet.model.forward(b1.sample, 981, b1.context)), ctx);
  tf.dispose(b1);
  rows.push(row('UNet forward', 'b1, 64x64x4, ctx 77x768', unetGflop, b1Timing));
  phase('UNet b1');
  const b2 = unetInputs(2);
  const b2Timing = await timeRuns(() => readAndFree(() => unet.model.forward(b2.sample, 981, b2.context)), { ...ctx, maxRuns: 1 });
  tf.dispose(b2);
  rows.push(row('UNet forward', 'b2, 64x64x4, ctx 77x768', 2 * unetGflop, b2Timing));
  phase('UNet b2');

  // VAE decode 64 -> 512, once, under tf.profile (its FLOPs; overhead shown by the UNet's profiled vs plain run).
  const z = tf.randomNormal([1, 64, 64, 4], 0, 1, 'float32', 31) as tf.Tensor4D;
  const vaeProfile = await profileKernels(() => vae.model.decode(z), linearWeightShapes(vae.model));
  vaeProfile.result?.dispose();
  z.dispose();
  rows.push(row('VAE decode', '1x64x64x4 -> 512x512x3', countedGflop(vaeProfile), { medianMs: vaeProfile.wallMs, runs: 1 }));
  phase('VAE decode');

  const inferencePeak = peakRssBytes();
  const heap = wasmHeapBytes();
  [clip, vae, unet].forEach((b) => b.model.dispose());

  const split = flopByCategory(unetProfile.totals);
  const image = imageMs(clipTiming.medianMs, b2Timing.medianMs, vaeProfile.wallMs);
  const peerImage = imageMs(PYTORCH_PEER.clipB2Ms, PYTORCH_PEER.unetB2Ms, PYTORCH_PEER.vaeDecodeMs);
  log(`wasm heap (it only grows) after each phase: ${heapAfter.join(', ')}`);
  log(`VAE decode profile (its only run):`);
  console.log(formatProfile(vaeProfile, 8));
  log(`UNet b1 profile (the warm-up run, ${sec(unetProfile.wallMs)} wall under tf.profile vs ${sec(b1Timing.medianMs)} plain):`);
  console.log(formatProfile(unetProfile, 12));
  log(
    `UNet b1 FLOPs counted from every Conv2D/MatMul kernel's shapes (conv 2*outputs*kh*kw*in, matmul 2*outputs*K): ` +
      `conv ${split.conv.toFixed(0)} + linear ${split.linear.toFixed(0)} + attention ${split.attention.toFixed(0)} = ${unetGflop.toFixed(0)} GFLOP ` +
      `(backends.md: ${PYTORCH_PEER.unetB1Gflop} = ${PYTORCH_PEER.unetB1GflopSplit.conv} + ${PYTORCH_PEER.unetB1GflopSplit.linear} + ${PYTORCH_PEER.unetB1GflopSplit.attention})`,
  );
  const achieved = unetGflop / (b1Timing.medianMs / 1000);
  log(`UNet b1: ${achieved.toFixed(1)} GFLOP/s = ${((100 * achieved) / peak).toFixed(0)}% of this run's matmul peak ${peak.toFixed(1)} GFLOP/s`);
  log('ours vs PyTorch CPU (backends.md, idle machine):');
  const pairs: [string, number, number][] = [
    ['CLIP b2x77', clipTiming.medianMs, PYTORCH_PEER.clipB2Ms],
    ['UNet b1', b1Timing.medianMs, PYTORCH_PEER.unetB1Ms],
    ['UNet b2', b2Timing.medianMs, PYTORCH_PEER.unetB2Ms],
    ['VAE decode', vaeProfile.wallMs, PYTORCH_PEER.vaeDecodeMs],
    ['512px image, 20 steps (est.)', image, peerImage],
  ];
  for (const [what, ours, peer] of pairs) log(`  ${what.padEnd(30)} ${sec(ours).padStart(10)}  PyTorch ${sec(peer).padStart(9)}  (${(ours / peer).toFixed(2)}x)`);
  log(
    `memory: float32 weights ${gb(weightBytes)}; inference peak RSS ${gb(inferencePeak)}${windowed ? '' : ' (lifetime: no peak reset here)'} = ` +
      `${(inferencePeak / weightBytes).toFixed(2)}x the weights (goal <= 1.3x); lifetime maxRSS ${gb(process.resourceUsage().maxRSS * 1024)}; wasm heap ${gb(heap ?? 0)}`,
  );
  return rows;
}

export const section: BenchSection = {
  name: SECTION,
  description: 'SD 1.5 at real shapes, random weights: CLIP, UNet b1/b2, VAE decode, 512px image estimate, RSS, utilization (minutes)',
  run: async (ctx) => (namedWithOnly(SECTION) ? onEachBackend(ctx, () => measure(ctx), fullSizeBackends(ctx)) : []),
};
