import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GroupNorm } from '../../../src-main/engine/nn/group-norm';
import { randomizeParameters } from './random-weights';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(a.sub(b))).dataSync()[0]);

describe('GroupNorm statistics of NHWC maps (average pooling)', () => {
  it('match the tf.moments path of the same values as tokens, forward and gradient, with no tensor growth', () => {
    const norm = new GroupNorm(4, 16);
    randomizeParameters(norm, 5);
    const x = tf.randomNormal([2, 5, 6, 16], 0.3, 2, 'float32', 3) as tf.Tensor4D;
    const w = tf.randomNormal([2, 5, 6, 16], 0, 1, 'float32', 4);
    const asTokens = (v: tf.Tensor) => tf.tidy(() => norm.forward(v.reshape([2, 30, 16])).reshape(v.shape)); // (B, H*W, C) path
    const before = tf.memory().numTensors;
    const map = norm.forward(x);
    const gMap = tf.grad((v: tf.Tensor) => norm.forward(v).mul(w).sum())(x);
    expect(tf.memory().numTensors).toBe(before + 2);
    const [tokens, gTokens] = [asTokens(x), tf.grad((v: tf.Tensor) => asTokens(v).mul(w).sum())(x)];
    expect(maxDiff(map, tokens)).toBeLessThan(2e-6);
    expect(maxDiff(gMap, gTokens)).toBeLessThan(2e-6);
    tf.dispose([x, w, map, tokens, gMap, gTokens]);
    norm.dispose();
  });
});
