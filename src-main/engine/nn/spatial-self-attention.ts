import * as tf from '@tensorflow/tfjs';
import { Attention } from './attention';
import { GroupNorm } from './group-norm';
import { Module } from './module';

/**
 * The VAE's mid-block attention (diffusers' Attention with group_norm and a residual):
 * one head over all H*W positions, to_q/to_k/to_v/to_out.0 as Linear with bias.
 */
export class SpatialSelfAttention extends Module {
  readonly groupNorm: GroupNorm;
  readonly attention: Attention;

  constructor(channels: number, groups: number, eps: number) {
    super();
    this.groupNorm = this.addModule('group_norm', new GroupNorm(groups, channels, eps));
    this.attention = new Attention({ queryDim: channels, heads: 1, headDim: channels, qkvBias: true });
    // diffusers names the projections directly under this block (`attentions.0.to_q`), so the
    // attention's own children (to_q, to_k, to_v, to_out) are registered here, not under it.
    for (const [name, child] of this.attention.namedModules()) {
      if (!name.includes('.')) this.addModule(name, child);
    }
  }

  /** (B, H, W, C) -> (B, H, W, C); the context is ignored (self-attention only). */
  forward(x: tf.Tensor4D, _context: tf.Tensor3D | null = null): tf.Tensor4D {
    return tf.tidy(() => {
      const [batch, height, width, channels] = x.shape;
      const tokens = this.groupNorm.forward(x).reshape([batch, height * width, channels]) as tf.Tensor3D; // (B, H*W, C)
      const mixed = this.attention.forward(tokens).reshape([batch, height, width, channels]); // (B, H, W, C)
      return mixed.add(x) as tf.Tensor4D;
    });
  }
}
