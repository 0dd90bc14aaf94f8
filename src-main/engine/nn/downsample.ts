import * as tf from '@tensorflow/tfjs';
import { Conv2d } from './conv2d';
import { Module } from './module';

/**
 * diffusers' Downsample2D with use_conv: a stride-2 3x3 conv. With padding 0 (the VAE) the
 * map is first zero padded by one row at the bottom and one column at the right, as diffusers does.
 */
export class Downsample2D extends Module {
  readonly conv: Conv2d;

  constructor(
    channels: number,
    outChannels: number,
    private readonly padding: number,
  ) {
    super();
    this.conv = this.addModule('conv', new Conv2d(channels, outChannels, { kernelSize: 3, stride: 2, padding }));
  }

  /** (B, H, W, C) -> (B, ceil(H/2), ceil(W/2), out) with padding 1. */
  forward(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const input = this.padding === 0 ? tf.pad(x, [[0, 0], [0, 1], [0, 1], [0, 0]]) : x; // (B, H+1, W+1, C)
      return this.conv.forward(input) as tf.Tensor4D;
    });
  }
}
