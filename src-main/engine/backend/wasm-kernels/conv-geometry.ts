import * as tf from '@tensorflow/tfjs';

/** The padding argument of tf.conv2d and of its backprop kernels. */
export type ConvPadding = Parameters<typeof tf.conv2d>[3];

/** Everything a convolution's gradient needs to know about the forward pass (NHWC). */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  /** Zeros the forward pass added on each side of the input (never negative). */
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
}

export interface ConvSettings {
  strides: number | [number, number];
  pad: ConvPadding;
  dilations?: number | [number, number];
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Resolves 'same' / 'valid' / explicit padding into sizes, exactly as the forward conv2d does. */
export function convGeometry(
  inputShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  settings: ConvSettings,
): ConvGeometry {
  if (settings.dataFormat === 'NCHW') {
    throw new Error('wasm conv2d gradients support NHWC only (the engine layout); got NCHW');
  }
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    settings.strides,
    settings.dilations ?? 1,
    settings.pad,
    settings.dimRoundingMode,
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padBottom: info.padInfo.bottom,
    padLeft: info.padInfo.left,
    padRight: info.padInfo.right,
  };
}
