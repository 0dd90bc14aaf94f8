import * as tf from '@tensorflow/tfjs';
import { silu } from './activations';
import { Conv2d } from './conv2d';
import { GroupNorm } from './group-norm';
import { Linear } from './linear';
import { Module } from './module';

/** What every resnet of a block shares. */
export interface ResnetSettings {
  /** Width of the time embedding added after conv1; null for the VAE (no time input). */
  tembChannels: number | null;
  groups: number;
  eps: number;
  /** The sum (shortcut + residual) is divided by this (diffusers' output_scale_factor). */
  outputScaleFactor?: number;
}

export interface ResnetBlockArgs extends ResnetSettings {
  inChannels: number;
  outChannels: number;
}

/** diffusers' ResnetBlock2D (pre-norm, time_embedding_norm "default") on NHWC maps. */
export class ResnetBlock2D extends Module {
  readonly norm1: GroupNorm;
  readonly conv1: Conv2d;
  readonly timeEmbProj: Linear | null;
  readonly norm2: GroupNorm;
  readonly conv2: Conv2d;
  /** 1x1 projection of the input when the width changes. */
  readonly convShortcut: Conv2d | null;
  /** The sum (shortcut + residual) is divided by this. */
  readonly outputScaleFactor: number;

  constructor(args: ResnetBlockArgs) {
    super();
    const { inChannels, outChannels, groups, eps } = args;
    this.outputScaleFactor = args.outputScaleFactor ?? 1;
    this.norm1 = this.addModule('norm1', new GroupNorm(groups, inChannels, eps));
    this.conv1 = this.addModule('conv1', new Conv2d(inChannels, outChannels, { kernelSize: 3, padding: 1 }));
    this.timeEmbProj = args.tembChannels === null ? null : this.addModule('time_emb_proj', new Linear(args.tembChannels, outChannels));
    this.norm2 = this.addModule('norm2', new GroupNorm(groups, outChannels, eps));
    this.conv2 = this.addModule('conv2', new Conv2d(outChannels, outChannels, { kernelSize: 3, padding: 1 }));
    this.convShortcut =
      inChannels === outChannels ? null : this.addModule('conv_shortcut', new Conv2d(inChannels, outChannels, { kernelSize: 1 }));
  }

  /** x: (B, H, W, in); temb: (B, tembChannels) or null. Returns (B, H, W, out). */
  forward(x: tf.Tensor4D, temb: tf.Tensor2D | null): tf.Tensor4D {
    return tf.tidy(() => {
      let h = this.conv1.forward(silu(this.norm1.forward(x)));
      if (this.timeEmbProj) {
        if (!temb) throw new Error('ResnetBlock2D: this block needs a time embedding');
        const t = this.timeEmbProj.forward(silu(temb)); // (B, out)
        h = h.add(t.reshape([t.shape[0], 1, 1, this.timeEmbProj.outChannels])); // (B, 1, 1, out): broadcast over H, W
      }
      h = this.conv2.forward(silu(this.norm2.forward(h)));
      const shortcut = this.convShortcut ? this.convShortcut.forward(x) : x;
      const sum = shortcut.add(h);
      return (this.outputScaleFactor === 1 ? sum : sum.div(this.outputScaleFactor)) as tf.Tensor4D;
    });
  }
}
