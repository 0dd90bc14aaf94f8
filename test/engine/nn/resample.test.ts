import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Conv2d } from '../../../src-main/engine/nn/conv2d';
import { Downsample2D } from '../../../src-main/engine/nn/downsample';
import { Upsample2D } from '../../../src-main/engine/nn/upsample';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

/** A 1-channel 3x3 conv whose only non-zero tap is (row, col): it reads the map at that offset. */
function singleTap(conv: Conv2d, row: number, col: number): void {
  const weight = tf.buffer([1, 1, 3, 3]);
  weight.set(1, 0, 0, row, col);
  const w = weight.toTensor();
  const b = tf.zeros([1]);
  conv.weight.load(w);
  conv.bias?.load(b);
  tf.dispose([w, b]);
}

const ramp = (h: number, w: number) => tf.range(1, h * w + 1).reshape([1, h, w, 1]) as tf.Tensor4D; // (1, H, W, 1), values 1..H*W

describe('Downsample2D', () => {
  it('padding 1 (UNet): symmetric zero padding, stride 2', () => {
    const down = new Downsample2D(1, 1, 1);
    singleTap(down.conv, 0, 0); // reads x[2i-1, 2j-1]
    const y = down.forward(ramp(5, 4));
    expect(y.shape).toEqual([1, 3, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([0, 0, 0, 6, 0, 14]);
  });

  it('padding 0 (VAE): one zero row/column added at the bottom and right only', () => {
    const down = new Downsample2D(1, 1, 0);
    singleTap(down.conv, 0, 0); // reads x[2i, 2j]
    const odd = down.forward(ramp(5, 4)); // padded to 6x5, then 3x3 stride 2 -> 2x2
    expect(odd.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(odd.dataSync())).toEqual([1, 3, 9, 11]);
    singleTap(down.conv, 2, 2); // reads x[2i+2, 2j+2]: the pad shows at the far edges
    const y = down.forward(ramp(4, 4));
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([11, 0, 0, 0]);
  });
});

describe('Upsample2D', () => {
  it('doubles with nearest neighbours by default', () => {
    const up = new Upsample2D(1, 1);
    singleTap(up.conv, 1, 1); // identity
    const y = up.forward(ramp(2, 2));
    expect(Array.from(y.dataSync())).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });

  it("resizes to an explicit size picking floor(i * in / out), torch's nearest", () => {
    const up = new Upsample2D(1, 1);
    singleTap(up.conv, 1, 1);
    const y = up.forward(ramp(3, 2), [5, 3]); // rows [0,0,1,1,2], cols [0,0,1]
    expect(y.shape).toEqual([1, 5, 3, 1]);
    expect(Array.from(y.dataSync())).toEqual([1, 1, 2, 1, 1, 2, 3, 3, 4, 3, 3, 4, 5, 5, 6]);
  });
});
