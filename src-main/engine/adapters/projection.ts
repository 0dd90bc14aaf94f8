import * as tf from '@tensorflow/tfjs';
import type { AdaptableLayer } from '../nn/adaptable';
import { Conv2d } from '../nn/conv2d';

/**
 * The two projections every adapter layer shares, from tensors in PyTorch layout:
 * down (A, stacked over K branches) has the base layer's geometry, up (B) is a plain
 * per-token matrix (a 1x1 conv for Conv2d bases).
 */

/** x -> A(x): Linear (..., d_in) -> (..., K*r); Conv2d NHWC -> (B, H', W', K*r) with the base conv's stride/padding. */
export function downProject(x: tf.Tensor, down: tf.Tensor, base: AdaptableLayer): tf.Tensor {
  return tf.tidy(() => {
    if (base instanceof Conv2d) {
      const filter = down.transpose([2, 3, 1, 0]) as tf.Tensor4D; // (kh, kw, d_in, K*r), tfjs' filter layout
      const p = base.padding;
      const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [p, p], [p, p], [0, 0]];
      return tf.conv2d(x as tf.Tensor4D, filter, base.stride, p === 0 ? 'valid' : pad); // (B, H', W', K*r)
    }
    return channelMatMul(x, down.transpose()); // (d_in, K*r) operand
  });
}

/** z -> B(z) over the channel axis: (..., r) -> (..., d_out). B is (d_out, r) or (d_out, r, 1, 1). */
export function upProject(z: tf.Tensor, up: tf.Tensor): tf.Tensor {
  const [dOut, rank] = up.shape as number[];
  return tf.tidy(() => channelMatMul(z, up.reshape([dOut, rank]).transpose())); // (r, d_out) operand
}

/** t (..., c_in) times m (c_in, c_out) over the last axis. */
function channelMatMul(t: tf.Tensor, m: tf.Tensor): tf.Tensor {
  const [cIn, cOut] = m.shape as number[];
  const rows = t.reshape([-1, cIn]) as tf.Tensor2D; // (rows, c_in)
  return tf.matMul(rows, m as tf.Tensor2D).reshape([...t.shape.slice(0, -1), cOut]); // (..., c_out)
}
