import * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry';

/**
 * dL/dfilter of an NHWC conv2d: unroll the input patches each filter tap saw ("im2col"),
 * then ONE matmul with dy. dW[i,j,c,o] = sum over (n,p,q) of x_pad[n, p*s + i*d, q*s + j*d, c] * dy[n,p,q,o].
 */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
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
        taps.push(tapInput(xPadded, i * g.dilationHeight, j * g.dilationWidth, g)); // (N, Ho, Wo, Cin)
      }
    }
    const m = n * ho * wo;
    const k = g.filterHeight * g.filterWidth * cin;
    // Concatenating on channels orders K as (i, j, c): the filter's own [kh, kw, in] order.
    const columns = tf.concat(taps, 3).reshape([m, k]); // (M, K)
    // dy is the smaller operand (Cout <= K), so it is the one transposed: transposed matMul operands are slow on wasm.
    const dyByChannel = dy.reshape([m, cout]).transpose(); // (Cout, M)
    const gradientByChannel = tf.matMul(dyByChannel, columns); // (Cout, K)
    return gradientByChannel.transpose().reshape([g.filterHeight, g.filterWidth, cin, cout]); // (kh, kw, Cin, Cout)
  });
}

/** The input values filter tap (row, col) multiplied for every output position. */
function tapInput(xPadded: tf.Tensor4D, row: number, col: number, g: ConvGeometry): tf.Tensor4D {
  const { batch: n, outHeight: ho, outWidth: wo, inChannels: cin } = g;
  if (g.strideHeight === 1 && g.strideWidth === 1) {
    return tf.slice(xPadded, [0, row, col, 0], [n, ho, wo, cin]);
  }
  const end = [n, row + g.strideHeight * (ho - 1) + 1, col + g.strideWidth * (wo - 1) + 1, cin];
  return tf.stridedSlice(xPadded, [0, row, col, 0], end, [1, g.strideHeight, g.strideWidth, 1]) as tf.Tensor4D;
}
