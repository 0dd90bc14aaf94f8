import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipActivation } from '../../../../src-main/engine/models/clip/activation';
import { a1111ClipSkipFromDiffusers, diffusersClipSkipFromA1111 } from '../../../../src-main/engine/models/clip/clip-skip';
import { causalMask } from '../../../../src-main/engine/models/clip/causal-mask';
import { eosPositions } from '../../../../src-main/engine/models/clip/pooling';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('CLIP pooling position', () => {
  it('takes argmax(ids) for the legacy eos id 2 and the first eos otherwise', () => {
    // SD 1.5 real ids: bos 49406, eos = pad 49407; the legacy config says eos_token_id 2.
    const ids = tf.tensor2d([[49406, 320, 49407, 49407], [49406, 49407, 49407, 49407]], [2, 4], 'int32');
    expect(Array.from(eosPositions(ids, 2).dataSync())).toEqual([2, 1]);
    expect(Array.from(eosPositions(ids, 49407).dataSync())).toEqual([2, 1]);
    // With a non-legacy eos that is not the largest id, argmax would be wrong; first-eos is used.
    const small = tf.tensor2d([[5, 900, 7, 7]], [1, 4], 'int32');
    expect(Array.from(eosPositions(small, 7).dataSync())).toEqual([2]);
  });

  it('finds the first eos in 77-token rows padded with eos, and 0 in a row without one', () => {
    // tf.argMax over such rows returned 64 on webgpu (which of equal maxima is unspecified).
    const row = (content: number) => Array.from({ length: 77 }, (_, i) => (i === 0 ? 998 : i <= content ? 10 + i : 999));
    const ids = tf.tensor2d([row(5), row(40), row(76), Array.from({ length: 77 }, () => 3)], [4, 77], 'int32');
    expect(Array.from(eosPositions(ids, 999).dataSync())).toEqual([6, 41, 0, 0]);
    expect(Array.from(eosPositions(ids.slice([0, 0], [3, 77]) as tf.Tensor2D, 2).dataSync())).toEqual([6, 41, 0]);
  });
});

describe('CLIP activations', () => {
  it('computes quick_gelu and erf gelu', () => {
    const x = tf.tensor1d([-1, 0, 1, 2]);
    const quick = clipActivation('quick_gelu')(x).dataSync();
    const exact = clipActivation('gelu')(x).dataSync();
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    [-1, 0, 1, 2].forEach((v, i) => expect(quick[i]).toBeCloseTo(v * sigmoid(1.702 * v), 5));
    expect(Array.from(exact)).toEqual([-0.15865525, 0, 0.8413447, 1.9544997].map((v) => expect.closeTo(v, 5)));
  });
});

describe('causal mask', () => {
  it('blocks attention to later tokens only', () => {
    const mask = causalMask(3).arraySync();
    expect(mask.map((row) => row.map((v) => (v === 0 ? 0 : 1)))).toEqual([[0, 1, 1], [0, 0, 1], [0, 0, 0]]);
  });
});

describe('clip skip conventions', () => {
  it('maps A1111 "Clip skip: 2" to diffusers clip_skip 1 and back', () => {
    expect(diffusersClipSkipFromA1111(2)).toBe(1);
    expect(diffusersClipSkipFromA1111(1)).toBe(0);
    expect(a1111ClipSkipFromDiffusers(1)).toBe(2);
    expect(() => diffusersClipSkipFromA1111(0)).toThrow();
  });
});
