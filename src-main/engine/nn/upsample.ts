import * as tf from '@tensorflow/tfjs';
import { Conv2d } from './conv2d';
import { Module } from './module';

/** diffusers' Upsample2D with use_conv: nearest-neighbour resize (x2 by default) then a 3x3 conv. */
export class Upsample2D extends Module {
  readonly conv: Conv2d;

  constructor(channels: number, outChannels: number) {
    super();
    this.conv = this.addModule('conv', new Conv2d(channels, outChannels, { kernelSize: 3, padding: 1 }));
  }

  /**
   * (B, H, W, C) -> (B, 2H, 2W, out), or to `size` [H', W'] when given (the UNet passes the
   * skip's size when the input was not divisible by its total downscale). Picks source
   * index floor(i * in / out) like torch's legacy "nearest".
   */
  forward(x: tf.Tensor4D, size?: [number, number]): tf.Tensor4D {
    return tf.tidy(() => {
      const target: [number, number] = size ?? [x.shape[1] * 2, x.shape[2] * 2];
      const resized = tf.image.resizeNearestNeighbor(x, target, false, false); // (B, H', W', C)
      return this.conv.forward(resized) as tf.Tensor4D;
    });
  }
}
