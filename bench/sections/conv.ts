import * as tf from '@tensorflow/tfjs';
import { benchTensor, measureOp, onEachBackend } from '../measure';
import type { BenchSection } from '../section';

// SD 1.5's most common convolution: a ResNet block's 3x3, 320 -> 320 channels, on 64x64 latents.
const [n, h, w, cin, cout, k] = [1, 64, 64, 320, 320, 3];
const gflop = (2 * n * h * w * cin * cout * k * k) / 1e9;
const shape = `${n}x${h}x${w}x${cin} * ${k}x${k}x${cin}x${cout}`;

export const section: BenchSection = {
  name: 'conv',
  description: 'fp32 conv2d 3x3 320->320 on 64x64 (NHWC, batch 1) on every backend',
  run: (ctx) =>
    onEachBackend(ctx, async () => [
      await measureOp(
        ctx,
        { section: 'conv', op: 'conv2d 3x3 same', shape, gflop },
        () => [benchTensor([n, h, w, cin], 1), benchTensor([k, k, cin, cout], 2)],
        ([x, f]) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same'),
      ),
    ]),
};
