import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedForward } from '../../../src-main/engine/nn/feed-forward';
import { randomizeParameters } from './random-weights';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

/** Largest |a - b| over the largest |b|. */
const relativeMaxError = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(a.sub(b))).dataSync()[0] / tf.max(tf.abs(b)).dataSync()[0]);

describe('FeedForward in chunks of tokens', () => {
  const ff = new FeedForward(8, 16); // hidden: 2 * 16 values per token
  beforeAll(() => randomizeParameters(ff, 5));

  it('gives the unchunked result, chunks that do not divide the tokens included, and the same gradient', () => {
    const x = tf.randomNormal([2, 11, 8], 0, 1, 'float32', 6) as tf.Tensor3D; // 22 tokens
    const whole = ff.forward(x, Infinity);
    const chunked = ff.forward(x, 5 * 32); // 5 tokens per chunk
    expect(chunked.shape).toEqual([2, 11, 8]);
    expect(relativeMaxError(chunked, whole)).toBeLessThan(1e-6);
    const gradient = (maxHidden: number) => tf.grad((t: tf.Tensor) => ff.forward(t, maxHidden).square().sum())(x);
    const [g1, g2] = [gradient(Infinity), gradient(5 * 32)];
    expect(relativeMaxError(g2, g1)).toBeLessThan(1e-6);
    tf.dispose([x, whole, chunked, g1, g2]);
  });
});
