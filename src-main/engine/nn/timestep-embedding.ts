import * as tf from '@tensorflow/tfjs';
import { silu } from './activations';
import { Linear } from './linear';
import { Module } from './module';

/** diffusers' TimestepEmbedding: linear_1 -> SiLU -> linear_2 on the sinusoidal embedding. */
export class TimestepEmbedding extends Module {
  readonly linear1: Linear;
  readonly linear2: Linear;

  constructor(inChannels: number, embedDim: number) {
    super();
    this.linear1 = this.addModule('linear_1', new Linear(inChannels, embedDim));
    this.linear2 = this.addModule('linear_2', new Linear(embedDim, embedDim));
  }

  /** (B, inChannels) -> (B, embedDim) */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.linear2.forward(silu(this.linear1.forward(x))) as tf.Tensor2D);
  }
}
