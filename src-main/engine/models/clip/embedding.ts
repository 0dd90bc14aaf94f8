import * as tf from '@tensorflow/tfjs';
import { Module } from '../../nn/module';
import { Parameter } from '../../nn/parameter';

/** torch.nn.Embedding: a [count, dim] table looked up by integer ids. */
export class Embedding extends Module {
  readonly weight: Parameter;

  constructor(
    readonly count: number,
    readonly dim: number,
  ) {
    super();
    this.weight = this.addParameter('weight', new Parameter([count, dim]));
  }

  /** ids of any shape -> (...ids.shape, dim). */
  forward(ids: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.gather(this.weight.tensor, ids.toInt()));
  }

  /** The first `length` rows, for positions 0..length-1: (length, dim). */
  leadingRows(length: number): tf.Tensor {
    return tf.slice(this.weight.tensor, [0, 0], [length, this.dim]);
  }
}
