import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededGenerator } from '../../../src-main/engine/random/seeded-generator';
import { resolveConfig } from '../../../src-main/engine/schedulers/config';
import { alphasCumprod } from '../../../src-main/engine/schedulers/noise-schedule';
import { addNoise, minSnrWeights, snr, velocityTarget, weightedMseLoss } from '../../../src-main/engine/schedulers/training-targets';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('DDPM training math', () => {
  const ac = tf.tensor1d(alphasCumprod(resolveConfig()));
  const timesteps = tf.tensor1d([0, 400, 999], 'int32');
  const x0 = new SeededGenerator(1).normalTensor([3, 4, 2, 2]);
  const noise = new SeededGenerator(2).normalTensor([3, 4, 2, 2]);

  it('x_t and v determine x_0 again: x_0 = sqrt(alphā) x_t - sqrt(1 - alphā) v', () => {
    const back = tf.tidy(() => {
      const noisy = addNoise(ac, x0, noise, timesteps);
      const v = velocityTarget(ac, x0, noise, timesteps);
      const a = tf.reshape(tf.gather(ac, timesteps), [3, 1, 1, 1]);
      return tf.sub(tf.mul(tf.sqrt(a), noisy), tf.mul(tf.sqrt(tf.sub(1, a)), v));
    });
    expect(tf.max(tf.abs(tf.sub(back, x0))).dataSync()[0]).toBeLessThan(1e-5);
    back.dispose();
  });

  it('min-SNR weights cap high-SNR (low-noise) timesteps and leave the rest at 1 (epsilon)', () => {
    const w = tf.tidy(() => minSnrWeights(snr(ac, timesteps), 5, 'epsilon'));
    const [low, mid, high] = w.dataSync();
    expect(low).toBeLessThan(0.01);
    expect(mid).toBeCloseTo(1, 6);
    expect(high).toBeCloseTo(1, 6);
    w.dispose();
  });

  it('the weighted loss has gradients with respect to the prediction', () => {
    const weights = tf.tensor1d([1, 0.5, 0]);
    const grad = tf.grad((pred: tf.Tensor) => weightedMseLoss(pred, noise, weights))(x0);
    const perItem = tf.sum(tf.abs(grad), [1, 2, 3]).dataSync();
    expect(perItem[0]).toBeGreaterThan(0);
    expect(perItem[2]).toBe(0); // weight 0: no gradient
    tf.dispose([grad, weights]);
  });
});
