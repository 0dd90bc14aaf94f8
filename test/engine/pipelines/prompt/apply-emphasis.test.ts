import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyEmphasis } from '../../../../src-main/engine/pipelines/prompt';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('applyEmphasis (A1111 "Original")', () => {
  it('weights each token, restores each chunk mean on its own, and lays chunks end to end', () => {
    // (C=2, T=2, D=2): chunk 0 weighted (2, 1), chunk 1 unweighted.
    const hidden = tf.tensor3d([[[1, 2], [3, 4]], [[-1, 5], [0, 2]]]);
    const weights = tf.tensor2d([[2, 1], [1, 1]]);
    const out = applyEmphasis(hidden, weights);
    expect(out.shape).toEqual([1, 4, 2]);
    // chunk 0: weighted [[2,4],[3,4]], mean 3.25 -> rescaled by 2.5 / 3.25.
    const r = 2.5 / 3.25;
    const expected = [2 * r, 4 * r, 3 * r, 4 * r, -1, 5, 0, 2];
    Array.from(out.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    tf.dispose([hidden, weights, out]);
  });

  it('rejects weights that do not match the hidden states', () => {
    const hidden = tf.zeros([1, 3, 2]) as tf.Tensor3D;
    const weights = tf.ones([1, 2]) as tf.Tensor2D;
    expect(() => applyEmphasis(hidden, weights)).toThrow(/do not match/);
    tf.dispose([hidden, weights]);
  });
});
