import { onEachBackend } from '../measure';
import type { BenchRow, BenchSection } from '../section';
import { namedWithOnly } from '../sd15/opt-in';
import { runVariant, type VariantOutcome } from '../train-step/spawn-variant';
import { variantLabel, type VariantSpec } from '../train-step/variant';

const SECTION = 'train-step';
/** docs/backends.md: diffusers on PyTorch CPU, 2 threads, LoRA r=32 on to_q/to_v, batch 1, 64x64 latents. */
const PYTORCH_STEP = { seconds: 44.9, peakRssBytes: 9.5 * 2 ** 30 };
/** SD 1.5 at 512 px; the smaller size is measured only for variants that do not fit at full size. */
const FULL = 64;
const FALLBACK = 32;

const TRAIN_VARIANTS: Omit<VariantSpec, 'latent'>[] = [
  { kind: 'train', adapter: 'styleinject', checkpointing: 'per-layer' },
  { kind: 'train', adapter: 'lora', checkpointing: 'per-layer' },
  { kind: 'train', adapter: 'styleinject', checkpointing: 'per-block' },
  { kind: 'train', adapter: 'styleinject', checkpointing: 'none' },
  { kind: 'train', adapter: 'lora', checkpointing: 'none' },
];

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const shapeOf = (latent: number) => `b1, ${latent}x${latent}x4, ctx 77x768${latent === FULL ? '' : ' (SMALLER than SD 1.5)'}`;

interface Measured {
  spec: VariantSpec;
  outcome: VariantOutcome;
}

function toRow(backend: string, { spec, outcome }: Measured): BenchRow {
  const r = outcome.result;
  const what = outcome.verdict === 'ok' ? `peak RSS ${gib(r!.maxRssBytes)}` : `${outcome.verdict} (ms: until it ended); peak RSS ${gib(r?.maxRssBytes ?? 0)}`;
  const ms = (r?.seconds ?? 0) * 1000;
  return { section: SECTION, backend, op: `${variantLabel(spec)}: ${what}`, shape: shapeOf(spec.latent), gflop: 0, medianMs: ms, gflops: 0, runs: outcome.verdict === 'ok' ? 1 : 0 };
}

/** Each variant in its own process: one that runs out of wasm memory ends only its child. */
async function measureAt(latent: number, variants: Omit<VariantSpec, 'latent'>[], log: (line: string) => void): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const variant of [{ kind: 'forward' as const }, ...variants]) {
    const spec: VariantSpec = { ...variant, latent };
    const outcome = await runVariant(spec);
    measured.push({ spec, outcome });
    const r = outcome.result;
    const forward = measured[0].outcome.result;
    const ratio = spec.kind === 'train' && r && forward && outcome.verdict === 'ok' ? ` (${(r.seconds / forward.seconds).toFixed(2)}x forward)` : '';
    const trainable = r?.trainable ? `, ${(r.trainable / 1e6).toFixed(2)}M trainable` : '';
    log(`${variantLabel(spec)} @${latent}x${latent}${trainable}: ${outcome.verdict}; ${r ? `${r.seconds.toFixed(1)} s${ratio}, peak RSS ${gib(r.maxRssBytes)}, wasm heap ${gib(r.wasmHeapBytes)}` : 'no report'}`);
  }
  return measured;
}

async function measure(backend: string): Promise<BenchRow[]> {
  const log = (line: string) => console.log(`[${SECTION}] ${line}`);
  const full = await measureAt(FULL, TRAIN_VARIANTS, log);
  const unfit = full.filter((m) => m.spec.kind === 'train' && m.outcome.verdict !== 'ok').map(({ spec: { latent: _, ...rest } }) => rest);
  const fallback = unfit.length > 0 ? await measureAt(FALLBACK, unfit, log) : [];
  log(`PyTorch CPU (backends.md, LoRA r=32 at 64x64, idle machine, not measured here): ${PYTORCH_STEP.seconds} s/step, peak RSS ${gib(PYTORCH_STEP.peakRssBytes)}`);
  const reference: BenchRow = {
    section: SECTION,
    backend: 'pytorch-cpu',
    op: `train step LoRA r=32 (backends.md, not measured here): peak RSS ${gib(PYTORCH_STEP.peakRssBytes)}`,
    shape: shapeOf(FULL),
    gflop: 0,
    medianMs: PYTORCH_STEP.seconds * 1000,
    gflops: 0,
    runs: 0,
  };
  return [...[...full, ...fallback].map((m) => toRow(backend, m)), reference];
}

export const section: BenchSection = {
  name: SECTION,
  description:
    'one adapter training step at SD 1.5 shapes (StyleInject K=16 r=32, LoRA r=32 on attn1/attn2 to_q/to_v), checkpointed per layer / per block and plain, each in its own process, beside a forward (minutes)',
  run: async (ctx) => (namedWithOnly(SECTION) ? onEachBackend(ctx, measure, ['wasm']) : []),
};
