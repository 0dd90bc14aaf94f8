import * as tf from '@tensorflow/tfjs';
import type { NamedTensors } from './named-tensors';

export interface ClippedGradients {
  /** New tensors (the caller disposes them); the inputs are left untouched. */
  grads: NamedTensors;
  /** The global L2 norm before clipping (for logs; NaN/Infinity signal a diverged step). */
  norm: number;
}

/**
 * Scales all gradients together so their global L2 norm is at most maxNorm, like PyTorch's
 * clip_grad_norm_: factor min(1, maxNorm / (norm + 1e-6)). Directions are kept. The norm is
 * read back to decide the factor (and to log it), so this waits for the backend.
 */
export async function clipGradientsByGlobalNorm(grads: Readonly<NamedTensors>, maxNorm: number): Promise<ClippedGradients> {
  if (!(maxNorm > 0)) throw new Error(`clipGradientsByGlobalNorm: maxNorm must be > 0, got ${maxNorm}`);
  const entries = Object.entries(grads);
  if (entries.length === 0) return { grads: {}, norm: 0 };
  const normTensor = tf.tidy(() => tf.sqrt(tf.addN(entries.map(([, g]) => tf.sum(tf.square(g))))));
  // Read asynchronously: GPU backends cannot (webgpu in Node) or should not block on a read.
  const norm = (await normTensor.data())[0];
  normTensor.dispose();
  const factor = Math.min(1, maxNorm / (norm + 1e-6));
  return { grads: Object.fromEntries(entries.map(([name, g]) => [name, tf.mul(g, factor)])), norm };
}
