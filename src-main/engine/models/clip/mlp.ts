import * as tf from '@tensorflow/tfjs';
import { Linear } from '../../nn/linear';
import { Module } from '../../nn/module';
import { clipActivation } from './activation';
import type { ClipHiddenAct } from './config';

/** CLIPMLP: fc1 -> activation -> fc2. */
export class ClipMlp extends Module {
  readonly fc1: Linear;
  readonly fc2: Linear;
  private readonly activation: (x: tf.Tensor) => tf.Tensor;

  constructor(hiddenSize: number, intermediateSize: number, hiddenAct: ClipHiddenAct) {
    super();
    this.fc1 = this.addModule('fc1', new Linear(hiddenSize, intermediateSize));
    this.fc2 = this.addModule('fc2', new Linear(intermediateSize, hiddenSize));
    this.activation = clipActivation(hiddenAct);
  }

  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.fc2.forward(this.activation(this.fc1.forward(x))));
  }
}
