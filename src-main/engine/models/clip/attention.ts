import * as tf from '@tensorflow/tfjs';
import { Linear } from '../../nn/linear';
import { Module } from '../../nn/module';

/** CLIPAttention: multi-head self-attention with q/k/v/out projections (all with bias). */
export class ClipAttention extends Module {
  readonly qProj: Linear;
  readonly kProj: Linear;
  readonly vProj: Linear;
  readonly outProj: Linear;
  readonly headDim: number;

  constructor(
    readonly hiddenSize: number,
    readonly numHeads: number,
  ) {
    super();
    this.headDim = hiddenSize / numHeads;
    this.qProj = this.addModule('q_proj', new Linear(hiddenSize, hiddenSize));
    this.kProj = this.addModule('k_proj', new Linear(hiddenSize, hiddenSize));
    this.vProj = this.addModule('v_proj', new Linear(hiddenSize, hiddenSize));
    this.outProj = this.addModule('out_proj', new Linear(hiddenSize, hiddenSize));
  }

  /** x (B, S, D), additive mask broadcastable to (B, H, S, S) -> (B, S, D). */
  forward(x: tf.Tensor3D, mask: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => {
      const [batch, length] = x.shape;
      const heads = (t: tf.Tensor) =>
        t.reshape([batch, length, this.numHeads, this.headDim]).transpose([0, 2, 1, 3]) as tf.Tensor4D; // (B, S, H, Dh) -> (B, H, S, Dh)
      // Scaling q before the product (as transformers does) keeps the rounding identical.
      const q = heads(this.qProj.forward(x).mul(1 / Math.sqrt(this.headDim)));
      const k = heads(this.kProj.forward(x));
      const v = heads(this.vProj.forward(x));
      const scores = tf.matMul(q, k, false, true).add(mask); // (B, H, S, S)
      const context = tf.matMul(tf.softmax(scores, -1), v); // (B, H, S, Dh)
      const merged = context.transpose([0, 2, 1, 3]).reshape([batch, length, this.hiddenSize]); // (B, S, H, Dh) -> (B, S, D)
      return this.outProj.forward(merged) as tf.Tensor3D;
    });
  }
}
