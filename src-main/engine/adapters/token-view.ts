import type * as tf from '@tensorflow/tfjs';

/**
 * The spec's "over tokens" view of an activation: (B, N, C). Axis 0 is the sample, the last
 * axis the channel, every axis between is a token axis (sequence positions, or H x W of an
 * NHWC map). A rank-2 input (B, C) has one token per sample; a rank-1 input is one sample.
 */
export function tokenView(t: tf.Tensor): tf.Tensor3D {
  const channels = t.shape[t.rank - 1];
  const samples = t.rank >= 2 ? t.shape[0] : 1;
  return t.reshape([samples, -1, channels]); // (B, N, C)
}

/** Per-sample, per-channel mean over tokens, kept broadcastable against tokenView(t): (B, 1, C). */
export function tokenMean(t: tf.Tensor): tf.Tensor3D {
  return tokenView(t).mean(1, true);
}
