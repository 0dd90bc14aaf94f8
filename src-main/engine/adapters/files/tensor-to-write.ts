import type * as tf from '@tensorflow/tfjs';
import type { TensorToWrite } from '../../io/safetensors';

/**
 * A tensor's float32 values and shape for writeSafetensors (a copy: backend memory may be
 * reused), read without blocking the backend.
 */
export async function tensorToWrite(tensor: tf.Tensor): Promise<TensorToWrite> {
  return { data: Float32Array.from(await tensor.data()), shape: [...tensor.shape] };
}

/** A 0-d scalar, as kohya's `.alpha` buffer and our `.alpha` are stored. */
export function scalarToWrite(value: number): TensorToWrite {
  return { data: Float32Array.of(value), shape: [] };
}
