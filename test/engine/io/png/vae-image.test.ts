import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rgb8FromVaeImages } from '../../../../src-main/engine/io/png';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('rgb8FromVaeImages', () => {
  it('maps [-1, 1] to rounded bytes, clamps outliers and splits the batch', async () => {
    // (B=2, H=1, W=2, C=3)
    const images = tf.tensor4d([[[[-1, 0, 1], [-2, 2, 0.5]]], [[[0.01, -0.01, 0.999], [-0.5, 0.25, 0.75]]]]);
    const before = tf.memory().numTensors;
    const [first, second] = await rgb8FromVaeImages(images);
    expect(tf.memory().numTensors).toBe(before);
    expect(first).toMatchObject({ width: 2, height: 1, channels: 3 });
    expect(Array.from(first.data)).toEqual([0, 128, 255, 0, 255, 191]);
    expect(Array.from(second.data)).toEqual([129, 126, 255, 64, 159, 223]);
    images.dispose();
  });

  it('refuses non-RGB tensors', async () => {
    const x = tf.zeros([1, 2, 2, 4]) as tf.Tensor4D;
    await expect(rgb8FromVaeImages(x)).rejects.toThrow(/RGB/);
    x.dispose();
  });
});
