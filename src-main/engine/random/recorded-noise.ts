import * as tf from '@tensorflow/tfjs';
import { sizeOf, type NoiseSource } from './seeded-generator';

/**
 * Replays noise recorded elsewhere (e.g. the draws a reference sampler made), one slice
 * per request and in order, so a trajectory can be reproduced without that RNG.
 */
export class RecordedNoise implements NoiseSource {
  private offset = 0;
  private count = 0;

  constructor(private readonly values: Float32Array) {}

  /** How many draws have been replayed so far. */
  get draws(): number {
    return this.count;
  }

  normalTensor(shape: readonly number[]): tf.Tensor {
    const size = sizeOf(shape);
    if (this.offset + size > this.values.length) {
      throw new Error(`recorded noise exhausted: draw ${this.count + 1} needs ${size} values, ${this.values.length - this.offset} left`);
    }
    const slice = this.values.subarray(this.offset, this.offset + size);
    this.offset += size;
    this.count++;
    return tf.tensor(slice, [...shape], 'float32');
  }
}
