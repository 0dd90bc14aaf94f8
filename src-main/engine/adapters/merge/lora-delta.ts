import * as tf from '@tensorflow/tfjs';
import type { AdapterLayerState } from '../adapter';

/**
 * A plain LoRA layer's weight change at multiplier 1, `(alpha/r) * up @ down`, in the base
 * weight's PyTorch layout `weightShape`. One rule covers Linear, 1x1 conv and LoCon kxk conv:
 * up is a 1x1 map applied after down, so composing them is a matmul over the rank axis with
 * down's kernel carried along (kohya's conv2d(down.permute, up).permute, exactly).
 */
export function loraDelta(layer: AdapterLayerState, weightShape: readonly number[]): tf.Tensor {
  return tf.tidy(() => {
    const [dOut, rank] = layer.up.shape as number[];
    const up = layer.up.reshape([dOut, rank]); // (d_out, r[, 1, 1]) -> (d_out, r)
    const down = layer.down.reshape([rank, -1]); // (r, d_in[, kh, kw]) -> (r, d_in*kh*kw)
    const composed = tf.matMul(up, down).reshape([...weightShape]); // (d_out, d_in*kh*kw) -> weight shape
    return composed.mul(layer.alpha / rank);
  });
}
