import * as tf from '@tensorflow/tfjs';
import { Module } from './module';
import { Parameter } from './parameter';

/** torch.nn.LayerNorm over the last axis. */
export class LayerNorm extends Module {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;

  constructor(
    readonly dim: number,
    readonly eps = 1e-5,
    affine = true,
  ) {
    super();
    this.weight = affine ? this.addParameter('weight', new Parameter([dim])) : null;
    this.bias = affine ? this.addParameter('bias', new Parameter([dim])) : null;
  }

  forward<T extends tf.Tensor>(x: T): T {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, -1, true); // (..., 1) each; biased variance like torch
      let y = x.sub(mean).mul(tf.rsqrt(variance.add(this.eps)));
      if (this.weight && this.bias) y = y.mul(this.weight.tensor).add(this.bias.tensor);
      return y as T;
    });
  }
}
