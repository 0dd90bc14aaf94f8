import * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry';

/**
 * dL/dfilter of an NHWC conv2d: unroll the input each filter tap saw ("im2col"), then ONE
 * matmul with dy. dW[i,j,c,o] = sum over (n,p,q) of x_pad[n, p*s + i*d, q*s + j*d, c] * dy[n,p,q,o].
 */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return g.strideHeight === 1 && g.strideWidth === 1 ? unitStrideFilterGradient(x, dy, g) : stridedFilterGradient(x, dy, g);
}

/**
 * Stride 1: with x channels-first and dy widened to the padded width, every tap's columns are
 * ONE contiguous run of each channel's flattened image, starting at i*d*Wp + j*d. Contiguous
 * slices are plain copies on wasm, where cutting a 4D window element-row by element-row is slow.
 * The widened dy is zero at the extra columns, so the values those columns read do not count.
 */
function unitStrideFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const { batch: n, outHeight: ho, outWidth: wo, inChannels: cin, outChannels: cout } = g;
    const paddedWidth = g.inWidth + g.padLeft + g.padRight;
    const paddedHeight = g.inHeight + g.padTop + g.padBottom;
    const runLength = ho * paddedWidth;
    // One spare zero row: the last tap's run ends (kw-1)*dw elements past the padded image.
    const spareRow = g.filterWidth > 1 ? 1 : 0;
    const imageSize = (paddedHeight + spareRow) * paddedWidth;

    const channelsFirst = tf
      .pad(x, [
        [0, 0],
        [g.padTop, g.padBottom + spareRow],
        [g.padLeft, g.padRight],
        [0, 0],
      ])
      .transpose([3, 0, 1, 2])
      .reshape([cin, n, imageSize]); // (Cin, N, (Hp+1)*Wp)

    const taps: tf.Tensor[] = [];
    for (let i = 0; i < g.filterHeight; i++) {
      for (let j = 0; j < g.filterWidth; j++) {
        const start = i * g.dilationHeight * paddedWidth + j * g.dilationWidth;
        taps.push(tf.slice(channelsFirst, [0, 0, start], [cin, n, runLength])); // (Cin, N, Ho*Wp)
      }
    }
    const k = g.filterHeight * g.filterWidth * cin;
    const m = n * runLength;
    // Stacking taps first orders K as (i, j, c): the filter's own [kh, kw, in] order.
    const columns = (taps.length === 1 ? taps[0] : tf.stack(taps)).reshape([k, m]); // (K, M') with M' = (n, p, q < Wp)
    const widenedDy = tf.pad(dy, [
      [0, 0],
      [0, 0],
      [0, paddedWidth - wo],
      [0, 0],
    ]); // (N, Ho, Wp, Cout), zeros beyond Wo
    const gradient = tf.matMul(columns, widenedDy.reshape([m, cout])); // (K, Cout)
    return gradient.reshape([g.filterHeight, g.filterWidth, cin, cout]);
  });
}

/** Any stride: each tap's input is a strided window, gathered channels-last and concatenated. */
function stridedFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const { batch: n, outHeight: ho, outWidth: wo, inChannels: cin, outChannels: cout } = g;
    const xPadded = tf.pad(x, [
      [0, 0],
      [g.padTop, g.padBottom],
      [g.padLeft, g.padRight],
      [0, 0],
    ]); // (N, H + pads, W + pads, Cin)

    const taps: tf.Tensor4D[] = [];
    for (let i = 0; i < g.filterHeight; i++) {
      for (let j = 0; j < g.filterWidth; j++) {
        const row = i * g.dilationHeight;
        const col = j * g.dilationWidth;
        const end = [n, row + g.strideHeight * (ho - 1) + 1, col + g.strideWidth * (wo - 1) + 1, cin];
        taps.push(tf.stridedSlice(xPadded, [0, row, col, 0], end, [1, g.strideHeight, g.strideWidth, 1]) as tf.Tensor4D); // (N, Ho, Wo, Cin)
      }
    }
    const m = n * ho * wo;
    const k = g.filterHeight * g.filterWidth * cin;
    // Concatenating on channels orders K as (i, j, c), the filter's own order.
    const columns = tf.concat(taps, 3).reshape([m, k]); // (M, K)
    // dy is the smaller operand (Cout <= K), so it is the one transposed: transposed matMul operands are slow on wasm.
    const dyByChannel = dy.reshape([m, cout]).transpose(); // (Cout, M)
    const gradientByChannel = tf.matMul(dyByChannel, columns); // (Cout, K)
    return gradientByChannel.transpose().reshape([g.filterHeight, g.filterWidth, cin, cout]); // (kh, kw, Cin, Cout)
  });
}
