import * as tf from '@tensorflow/tfjs';
import { adaptableLayers } from '../../src-main/engine/nn/adaptable';
import type { Linear } from '../../src-main/engine/nn/linear';
import type { Module } from '../../src-main/engine/nn/module';
import { outputGroups } from '../../src-main/engine/nn/output-groups';

/** How the FLOPs of a kernel are counted; matmuls split by operand rank. */
export type KernelCategory = 'conv' | 'linear' | 'attention' | 'other';

export interface KernelTotal {
  kernel: string;
  category: KernelCategory;
  calls: number;
  ms: number;
  gflop: number;
}

export interface KernelProfile {
  totals: KernelTotal[];
  wallMs: number;
  /** The profiled function's result, read back. */
  result: tf.Tensor | null;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * FLOPs of one kernel from the shapes it saw (multiply-add = 2). Conv2D: 2 * output elements *
 * kh*kw*in (filter [kh, kw, in, out]). BatchMatMul: 2 * output elements * K (no transposes in
 * the engine's calls). tfjs hands the kernel 3-d operands (batch, rows, cols): a Linear is
 * (1, rows, in) @ (1, in, out) with a weight of more than one row and column; an attention
 * product multiplies activations by activations, per (batch, head): a batch dim above 1, or
 * 2-d products of activations (split attention) whose shapes name no weight.
 */
function classify(name: string, inputs: number[][], outputs: number[][], linears: Set<string>): { category: KernelCategory; flop: number } {
  const out = outputs[0] ?? [];
  if (name === 'Conv2D' || name === 'FusedConv2D') {
    const [kh, kw, cin] = inputs[1];
    return { category: 'conv', flop: 2 * product(out) * kh * kw * cin };
  }
  if (name === 'BatchMatMul' || name === '_FusedMatMul') {
    const [a, b] = inputs;
    const flop = 2 * product(out) * a[a.length - 1];
    const right = b.length === 3 && b[0] === 1 ? b.slice(1) : b; // (1, K, N) -> (K, N)
    return { category: linears.has(right.join('x')) ? 'linear' : 'attention', flop };
  }
  return { category: 'other', flop: 0 };
}

/**
 * The engine-layout shapes ([in, out]) of a model's Linear weights, as "in x out" keys, including
 * the column groups a large host-resident weight is uploaded in (nn/output-groups).
 */
export function linearWeightShapes(model: Module): Set<string> {
  const shapes = new Set<string>();
  for (const [, layer] of adaptableLayers(model)) {
    if (layer.kind !== 'linear') continue;
    for (const [, count] of outputGroups((layer as Linear).weight)) shapes.add(`${layer.inChannels}x${count}`);
  }
  return shapes;
}

/**
 * Runs `fn` once under tf.profile and sums, per kernel name (matmuls per category), the calls, the backend's kernel
 * time (synchronous on wasm, so it is the kernel's own time) and the FLOPs counted from shapes.
 */
export async function profileKernels(fn: () => tf.Tensor, linears: Set<string>): Promise<KernelProfile> {
  let result: tf.Tensor | null = null;
  const started = performance.now();
  const info = await tf.profile(() => {
    result = fn();
    return result;
  });
  if (result) await (result as tf.Tensor).data();
  const wallMs = performance.now() - started;
  const byName = new Map<string, KernelTotal>();
  for (const k of info.kernels) {
    const { category, flop } = classify(k.name, k.inputShapes as number[][], k.outputShapes as number[][], linears);
    const label = category === 'linear' || category === 'attention' ? `${k.name} (${category})` : k.name;
    const total = byName.get(label) ?? { kernel: label, category, calls: 0, ms: 0, gflop: 0 };
    total.calls += 1;
    total.ms += k.kernelTimeMs as number;
    total.gflop += flop / 1e9;
    byName.set(label, total);
  }
  const totals = [...byName.values()].sort((a, b) => b.ms - a.ms);
  return { totals, wallMs, result };
}

/** GFLOP per category, over a profile's kernels. */
export function flopByCategory(totals: KernelTotal[]): Record<KernelCategory, number> {
  const sums: Record<KernelCategory, number> = { conv: 0, linear: 0, attention: 0, other: 0 };
  for (const t of totals) sums[t.category] += t.gflop;
  return sums;
}

/** A text table of the profile: kernel, calls, time and share, GFLOP and GFLOP/s. */
export function formatProfile(profile: KernelProfile, top = 20): string {
  const kernelMs = profile.totals.reduce((s, t) => s + t.ms, 0);
  const lines = [`kernel time ${(kernelMs / 1000).toFixed(2)} s of ${(profile.wallMs / 1000).toFixed(2)} s wall`];
  lines.push(`${'kernel'.padEnd(26)}${'calls'.padStart(7)}${'s'.padStart(9)}${'share'.padStart(8)}${'GFLOP'.padStart(9)}${'GFLOP/s'.padStart(9)}`);
  for (const t of profile.totals.slice(0, top)) {
    const rate = t.gflop > 0 ? (t.gflop / (t.ms / 1000)).toFixed(1) : '';
    lines.push(
      `${t.kernel.padEnd(26)}${String(t.calls).padStart(7)}${(t.ms / 1000).toFixed(2).padStart(9)}` +
        `${((100 * t.ms) / kernelMs).toFixed(1).padStart(7)}%${t.gflop ? t.gflop.toFixed(1).padStart(9) : ''.padStart(9)}${rate.padStart(9)}`,
    );
  }
  return lines.join('\n');
}
