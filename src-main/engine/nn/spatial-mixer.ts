import type * as tf from '@tensorflow/tfjs';
import type { Module } from './module';

/**
 * A layer that mixes positions of an NHWC map and keeps its shape: the UNet's
 * Transformer2DModel (reads the text context) or the VAE's single-head self-attention
 * (ignores it). Resnet/attention blocks are written once against this.
 */
export type SpatialMixer = Module & {
  forward(x: tf.Tensor4D, context: tf.Tensor3D | null): tf.Tensor4D;
};

/** Builds the mixer that follows a resnet of the given width. */
export type SpatialMixerFactory = (channels: number) => SpatialMixer;
