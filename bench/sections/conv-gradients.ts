import * as tf from '@tensorflow/tfjs';
import { benchTensor, measureOp, onEachBackend } from '../measure';
import type { BenchSection } from '../section';

// The two gradients of SD 1.5's 3x3 320 -> 320 conv on 64x64: each costs what the forward does.
// wasm only by default: these are the kernels this project registers there (cpu and software
// webgpu take minutes on the filter gradient).
const [n, h, w, cin, cout, k] = [1, 64, 64, 320, 320, 3];
const gflop = (2 * n * h * w * cin * cout * k * k) / 1e9;
const xShape: [number, number, number, number] = [n, h, w, cin];
const fShape: [number, number, number, number] = [k, k, cin, cout];
const dyShape: [number, number, number, number] = [n, h, w, cout];

export const section: BenchSection = {
  name: 'conv-gradients',
  description: 'conv2d 3x3 320->320 on 64x64: gradient w.r.t. input and w.r.t. filter (wasm)',
  run: (ctx) =>
    onEachBackend(
      ctx,
      async () => [
        await measureOp(
          ctx,
          { section: 'conv-gradients', op: 'conv2d grad wrt input', shape: `dy ${dyShape.join('x')}`, gflop },
          () => [benchTensor(dyShape, 3), benchTensor(fShape, 2)],
          ([dy, f]) => tf.conv2dTranspose(dy as tf.Tensor4D, f as tf.Tensor4D, xShape, 1, 'same'), // runs Conv2DBackpropInput
        ),
        await measureOp(
          ctx,
          { section: 'conv-gradients', op: 'conv2d grad wrt filter', shape: `x ${xShape.join('x')}, dy ${dyShape.join('x')}`, gflop },
          () => [benchTensor(xShape, 1), benchTensor(dyShape, 3)],
          ([x, dy]) => filterGradient(x as tf.Tensor4D, dy as tf.Tensor4D),
        ),
      ],
      ['wasm'],
    ),
};

/** The Conv2DBackpropFilter kernel alone (tf.grad would also time the forward conv). */
function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor {
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: fShape };
  return tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}
