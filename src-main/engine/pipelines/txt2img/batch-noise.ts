import * as tf from '@tensorflow/tfjs';
import { SeededGenerator, type NoiseSource } from '../../random';

/**
 * One seeded generator per image (seed, seed+1, ...), as A1111 seeds a batch: image i of a
 * batch is the same picture as a single generation with seed+i. Serves the initial latents
 * and every noise draw of ancestral samplers.
 */
export class BatchNoise implements NoiseSource {
  private readonly generators: SeededGenerator[];

  constructor(readonly seeds: readonly number[]) {
    this.generators = seeds.map((s) => new SeededGenerator(s));
  }

  /** shape: (B, ...) with B = number of seeds; each image's slice comes from its own generator. */
  normalTensor(shape: readonly number[]): tf.Tensor {
    const [batch, ...rest] = shape;
    if (batch !== this.generators.length) throw new Error(`noise for ${batch} images requested from ${this.generators.length} seeds`);
    const each = rest.reduce((a, b) => a * b, 1);
    const values = new Float32Array(batch * each);
    this.generators.forEach((g, i) => values.set(g.normalArray(each), i * each));
    return tf.tensor(values, [...shape], 'float32');
  }
}
