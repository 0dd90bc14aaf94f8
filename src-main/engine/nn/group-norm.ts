import * as tf from '@tensorflow/tfjs';
import { Module } from './module';
import { Parameter } from './parameter';

/** torch.nn.GroupNorm on channels-last input (B, ..., C): statistics per sample and group. */
export class GroupNorm extends Module {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;

  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    readonly eps = 1e-5,
    affine = true,
  ) {
    super();
    if (numChannels % numGroups !== 0) {
      throw new Error(`GroupNorm: ${numChannels} channels cannot be split into ${numGroups} groups`);
    }
    this.weight = affine ? this.addParameter('weight', new Parameter([numChannels])) : null;
    this.bias = affine ? this.addParameter('bias', new Parameter([numChannels])) : null;
  }

  forward<T extends tf.Tensor>(x: T): T {
    return tf.tidy(() => {
      const batch = x.shape[0];
      const grouped = x.reshape([batch, -1, this.numGroups, this.numChannels / this.numGroups]); // (B, positions, G, C/G)
      const { mean, variance } = tf.moments(grouped, [1, 3], true); // (B, 1, G, 1) each; biased variance like torch
      const normalized = grouped.sub(mean).mul(tf.rsqrt(variance.add(this.eps)));
      let y = normalized.reshape(x.shape); // (B, ..., C)
      if (this.weight && this.bias) y = y.mul(this.weight.tensor).add(this.bias.tensor);
      return y as T;
    });
  }
}
