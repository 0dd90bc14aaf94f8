import * as tf from '@tensorflow/tfjs';
import type { ClipHiddenAct } from './config';

/** x * sigmoid(1.702 x): the GELU approximation OpenAI trained CLIP with. */
function quickGelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => x.mul(tf.sigmoid(x.mul(1.702))));
}

/** The exact (erf) GELU, torch.nn.functional.gelu's default. */
function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => x.mul(tf.erf(x.mul(Math.SQRT1_2)).add(1)).mul(0.5));
}

export function clipActivation(name: ClipHiddenAct): (x: tf.Tensor) => tf.Tensor {
  return name === 'quick_gelu' ? quickGelu : gelu;
}
