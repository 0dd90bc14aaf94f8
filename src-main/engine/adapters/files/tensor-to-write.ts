import type * as tf from '@tensorflow/tfjs';
import type { TensorToWrite } from '../../io/safetensors';

/** A tensor's float32 values and shape for writeSafetensors (a copy: backend memory may be reused). */
export function tensorToWrite(tensor: tf.Tensor): TensorToWrite {
  return { data: Float32Array.from(tensor.dataSync()), shape: [...tensor.shape] };
}

/** A 0-d scalar, as kohya's `.alpha` buffer and our `.alpha` are stored. */
export function scalarToWrite(value: number): TensorToWrite {
  return { data: Float32Array.of(value), shape: [] };
}
