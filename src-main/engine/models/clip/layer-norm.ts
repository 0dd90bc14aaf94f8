import * as tf from '@tensorflow/tfjs';
import { Module } from '../../nn/module';
import { Parameter } from '../../nn/parameter';

/** torch.nn.LayerNorm over the last axis, with an affine weight and bias. */
export class ClipLayerNorm extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter;

  constructor(
    readonly size: number,
    readonly eps: number,
  ) {
    super();
    this.weight = this.addParameter('weight', new Parameter([size]));
    this.bias = this.addParameter('bias', new Parameter([size]));
  }

  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      // Biased variance, as torch's layer_norm uses.
      const { mean, variance } = tf.moments(x, -1, true);
      return x.sub(mean).mul(tf.rsqrt(variance.add(this.eps))).mul(this.weight.tensor).add(this.bias.tensor);
    });
  }
}
