import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gelu, silu } from '../../../src-main/engine/nn/activations';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

describe('activations', () => {
  it('silu(x) = x * sigmoid(x)', () => {
    const got = silu(tf.tensor1d([-2, 0, 1, 3])).dataSync();
    [-2, 0, 1, 3].forEach((x, i) => expect(got[i]).toBeCloseTo(x / (1 + Math.exp(-x)), 6));
  });

  it('gelu is the exact (erf) form: torch.nn.functional.gelu values', () => {
    // torch.nn.functional.gelu(torch.tensor([-3., -1., 0., 0.5, 1., 2.]))
    const want = [-0.0040496, -0.1586553, 0, 0.3457312, 0.8413447, 1.9544997];
    const got = gelu(tf.tensor1d([-3, -1, 0, 0.5, 1, 2])).dataSync();
    want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 5));
  });
});
