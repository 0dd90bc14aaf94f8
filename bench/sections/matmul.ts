import * as tf from '@tensorflow/tfjs';
import { benchTensor, measureOp, onEachBackend } from '../measure';
import type { BenchSection } from '../section';

// (M, K, N): a square reference, and a transformer projection's tall-skinny shape
// (2048 tokens, 768 wide, as CLIP's width).
const shapes: [number, number, number][] = [
  [1024, 1024, 1024],
  [2048, 768, 768],
];

export const section: BenchSection = {
  name: 'matmul',
  description: 'fp32 matMul GFLOP/s on every backend',
  run: (ctx) =>
    onEachBackend(ctx, async () => {
      const rows = [];
      for (const [m, k, n] of shapes) {
        rows.push(
          await measureOp(
            ctx,
            { section: 'matmul', op: 'matMul', shape: `${m}x${k} @ ${k}x${n}`, gflop: (2 * m * k * n) / 1e9 },
            () => [benchTensor([m, k], 1), benchTensor([k, n], 2)],
            ([a, b]) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
          ),
        );
      }
      return rows;
    }),
};
