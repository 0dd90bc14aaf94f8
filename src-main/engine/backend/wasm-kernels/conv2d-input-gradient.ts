import * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry';

/**
 * dL/dx of an NHWC conv2d as one forward convolution: dy, spread back onto the stride-1 grid,
 * correlated with the filter flipped in space and with in/out channels swapped.
 * dx[n,y,x,c] = sum over (i,j,o) of dyUp[n, y + padTop - i*d, x + padLeft - j*d, o] * W[i,j,c,o].
 */
export function conv2dInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const spread = spreadOverStrides(dy, g.strideHeight, g.strideWidth); // (N, Ho*sh, Wo*sw, Cout)
    const flipped = tf.reverse(filter, [0, 1]).transpose([0, 1, 3, 2]) as tf.Tensor4D; // (kh, kw, Cout, Cin)

    // Padding that makes a 'valid' stride-1 conv over `spread` produce exactly H x W rows/cols;
    // negative amounts mean dy rows that only ever touched the forward pass's padding.
    const reachH = (g.filterHeight - 1) * g.dilationHeight;
    const reachW = (g.filterWidth - 1) * g.dilationWidth;
    const top = reachH - g.padTop;
    const bottom = g.inHeight + g.padTop - spread.shape[1];
    const left = reachW - g.padLeft;
    const right = g.inWidth + g.padLeft - spread.shape[2];

    const source = cropNegative(spread, top, bottom, left, right);
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [
      [0, 0],
      [Math.max(top, 0), Math.max(bottom, 0)],
      [Math.max(left, 0), Math.max(right, 0)],
      [0, 0],
    ];
    return tf.conv2d(source, flipped, 1, pad, 'NHWC', [g.dilationHeight, g.dilationWidth]); // (N, H, W, Cin)
  });
}

/** Puts s-1 zeros after every row/column so strided outputs land where the forward pass read them. */
function spreadOverStrides(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [n, ho, wo, c] = dy.shape;
  const gaps = tf.pad(dy.reshape([n, ho, 1, wo, 1, c]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]); // (N, Ho, sh, Wo, sw, C)
  return gaps.reshape([n, ho * sh, wo * sw, c]);
}

/** Drops the rows/columns that a negative padding amount asks to remove. */
function cropNegative(t: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const cut = (v: number) => Math.max(-v, 0);
  if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) return t;
  const [n, h, w, c] = t.shape;
  const size = [n, h - cut(top) - cut(bottom), w - cut(left) - cut(right), c];
  return tf.slice(t, [0, cut(top), cut(left), 0], size);
}
