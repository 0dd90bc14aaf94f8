import * as tf from '@tensorflow/tfjs';

/**
 * Whether an average pool's window is its whole (N, H, W, C) input: a global mean per channel,
 * as GroupNorm takes its statistics. tfjs-backend-wasm's AvgPoolGrad visits every input position
 * once per output position of its window: at 64x64 that took seconds per call.
 */
export function isGlobalAvgPool(inputShape: readonly number[], dyShape: readonly number[], attrs: tf.AvgPoolGradAttrs): boolean {
  const [fh, fw] = typeof attrs.filterSize === 'number' ? [attrs.filterSize, attrs.filterSize] : attrs.filterSize;
  return fh === inputShape[1] && fw === inputShape[2] && dyShape[1] === 1 && dyShape[2] === 1 && attrs.pad === 'valid';
}

/**
 * The gradient of a global average pool: dy (N, 1, 1, C) / (H * W) at every position of
 * (N, H, W, C). Spread by a broadcasting add onto zeros: wasm's Tile (broadcastTo) is a scalar loop.
 */
export function globalAvgPoolGradient(dy: tf.Tensor4D, inputShape: [number, number, number, number]): tf.Tensor4D {
  return tf.tidy(() => tf.zeros(inputShape).add(dy.div(inputShape[1] * inputShape[2])) as tf.Tensor4D);
}
