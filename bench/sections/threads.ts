import type { BenchSection } from '../section';
import { compareThreads } from '../threads/compare';

export const section: BenchSection = {
  name: 'threads',
  description: 'wasm on 1 thread vs every core, side by side (alternating processes): matmul 1024^3, conv 3x3 320->320 on 64x64',
  run: (ctx) => compareThreads('threads', 'kernels', ctx),
};
