import * as tf from '@tensorflow/tfjs';
import { Xoshiro128, type Xoshiro128State } from './xoshiro128';

/** Anything that can hand a sampler standard-normal noise of a shape (a generator, a replay). */
export interface NoiseSource {
  normalTensor(shape: readonly number[]): tf.Tensor;
}

/** What a checkpoint stores to resume the exact same stream of draws. */
export interface GeneratorState {
  algorithm: 'xoshiro128**';
  words: [number, number, number, number];
}

/**
 * The engine's seeded random generator. Draws are computed on the CPU in JS and only then
 * turned into tensors, so a seed gives bit-identical noise on every backend.
 */
export class SeededGenerator implements NoiseSource {
  private readonly bits: Xoshiro128;

  constructor(seed: number) {
    this.bits = Xoshiro128.fromSeed(seed);
  }

  static fromState(state: GeneratorState): SeededGenerator {
    const g = new SeededGenerator(0);
    g.setState(state);
    return g;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.bits.nextUint32() >>> 5; // 27 bits
    const lo = this.bits.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  uniformArray(count: number): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.uniform();
    return out;
  }

  /**
   * Standard normals by Box–Muller, filled in pairs (cos, sin of one angle); an odd count
   * uses only the cosine of its last pair. So draws depend on how a request is split.
   */
  normalArray(count: number): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i += 2) {
      const radius = Math.sqrt(-2 * Math.log(1 - this.uniform())); // 1 - u lies in (0, 1]
      const angle = 2 * Math.PI * this.uniform();
      out[i] = radius * Math.cos(angle);
      if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
    }
    return out;
  }

  uniformTensor(shape: readonly number[]): tf.Tensor {
    return tf.tensor(this.uniformArray(sizeOf(shape)), [...shape], 'float32');
  }

  normalTensor(shape: readonly number[]): tf.Tensor {
    return tf.tensor(this.normalArray(sizeOf(shape)), [...shape], 'float32');
  }

  getState(): GeneratorState {
    return { algorithm: 'xoshiro128**', words: [...this.bits.getState()] as GeneratorState['words'] };
  }

  setState(state: GeneratorState): void {
    if (state.algorithm !== 'xoshiro128**') throw new Error(`unknown generator algorithm '${state.algorithm}'`);
    this.bits.setState(state.words as Xoshiro128State);
  }
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
