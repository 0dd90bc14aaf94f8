import * as tf from '@tensorflow/tfjs';

/**
 * tf.customGrad ops return ONE tensor, while a UNet block returns several (a down block's
 * skips). The outputs travel as one flat vector and are cut back into their shapes outside
 * the op; slice and reshape carry each output's gradient back into the vector's gradient.
 */

/** The outputs flattened and concatenated: (sum of sizes,). */
export function packOutputs(outputs: tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(() => tf.concat(outputs.map((o) => o.reshape([-1])), 0) as tf.Tensor1D);
}

/** The inverse of packOutputs for the given shapes. */
export function unpackOutputs(packed: tf.Tensor1D, shapes: readonly number[][]): tf.Tensor[] {
  return tf.tidy(() => {
    let offset = 0;
    return shapes.map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const part = packed.slice(offset, size).reshape(shape); // (size,) -> the output's shape
      offset += size;
      return part;
    });
  });
}
