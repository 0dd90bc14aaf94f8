import * as tf from '@tensorflow/tfjs';

/** A conv2d problem as plain arrays, so each backend builds its own tensors from the same numbers. */
export interface ConvCase {
  label: string;
  input: [number, number, number, number]; // (N, H, W, Cin)
  filter: [number, number, number, number]; // (kh, kw, Cin, Cout)
  strides: number;
  pad: 'same' | 'valid' | number;
}

/** Deterministic values in [-1, 1): no Math.random in tests. */
export function seededValues(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}

export interface ConvGradients {
  dx: Float32Array;
  dw: Float32Array;
}

/**
 * Gradients of sum(conv2d(x, w) * r) on the active backend, so dy = r (not all ones,
 * which would hide transposition mistakes). `filterValues` replaces the seeded filter.
 */
export async function convGradients(c: ConvCase, filterValues?: Float32Array): Promise<ConvGradients> {
  const x = tf.tensor4d(seededValues(sizeOf(c.input), 1), c.input);
  const w = tf.tensor4d(filterValues ?? seededValues(sizeOf(c.filter), 2), c.filter);
  const outShape = tf.conv2d(x, w, c.strides, c.pad).shape; // cheap: only for r's shape
  const r = tf.tensor(seededValues(sizeOf(outShape), 3), outShape);
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad).mul(r).sum())([x, w]);
  const result = { dx: (await dx.data()) as Float32Array, dw: (await dw.data()) as Float32Array };
  tf.dispose([x, w, r, dx, dw]);
  return result;
}

export function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** max |a - b| / max |b|: the error relative to the reference's scale. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / (scale || 1);
}
