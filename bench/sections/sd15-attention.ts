import * as tf from '@tensorflow/tfjs';
import { benchTensor, measureOp, onEachBackend } from '../measure';
import type { BenchRow, BenchSection } from '../section';
import { namedWithOnly } from '../sd15/opt-in';
import { scaledDotProductAttention, type AttentionStrategy } from '../../src-main/engine/nn/scaled-dot-product-attention';

// SD 1.5's attention at 512 px, batch 1: [queries, keys, width, heads]. Level 0 self-attention
// (64x64 tokens, width 320, 8 heads of 40), its cross-attention to 77 text tokens, level 1.
const cases: [string, number, number, number, number][] = [
  ['self 64x64', 4096, 4096, 320, 8],
  ['cross 64x64', 4096, 77, 320, 8],
  ['self 32x32', 1024, 1024, 640, 8],
];
const strategies: AttentionStrategy[] = ['batched', 'per-head'];

/** FLOPs of the two products: 2 * Tq * Tk * width each (summed over heads). */
const attentionGflop = (tq: number, tk: number, width: number) => (2 * 2 * tq * tk * width) / 1e9;

export const section: BenchSection = {
  name: 'sd15-attention',
  description: "SD 1.5's attention shapes, batched vs per-head matMuls (side by side)",
  run: async (ctx) =>
    !namedWithOnly('sd15-attention') ? [] : onEachBackend(ctx, async () => {
      const rows: BenchRow[] = [];
      for (const [label, tq, tk, width, heads] of cases) {
        for (const strategy of strategies) {
          rows.push(
            await measureOp(
              ctx,
              { section: 'sd15-attention', op: `sdpa ${strategy}`, shape: `${label}: 1x${tq}x${width} . 1x${tk}x${width}, ${heads} heads`, gflop: attentionGflop(tq, tk, width) },
              () => [benchTensor([1, tq, width], 1), benchTensor([1, tk, width], 2), benchTensor([1, tk, width], 3)],
              ([q, k, v]) => scaledDotProductAttention(q as tf.Tensor3D, k as tf.Tensor3D, v as tf.Tensor3D, heads, undefined, strategy),
            ),
          );
        }
      }
      return rows;
    }, ['wasm']),
};
