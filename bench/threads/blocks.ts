import * as tf from '@tensorflow/tfjs';
import { ResnetBlock2D } from '../../src-main/engine/nn/resnet-block';
import { Transformer2DModel } from '../../src-main/engine/nn/transformer-2d';
import type { Module } from '../../src-main/engine/nn/module';
import { setResidency } from '../../src-main/engine/nn/weight-residency';
import { fillRandomWeights } from '../sd15/random-weights';
import { benchTensor } from '../measure';

/** One measurable piece of work: inputs made once, a forward that returns one tensor to read back. */
export interface Workload {
  op: string;
  shape: string;
  /** Multiply-adds x 2 of its convs and matmuls (0 where not counted). */
  gflop: number;
  inputs(): tf.Tensor[];
  run(inputs: tf.Tensor[]): tf.Tensor;
  dispose?(): void;
}

const conv3x3Gflop = (b: number, h: number, w: number, cin: number, cout: number) => (2 * b * h * w * cin * cout * 9) / 1e9;

/** The kernels every bench run measures: a square matmul and SD 1.5's commonest conv. */
export const kernelWorkloads = (): Workload[] => [
  {
    op: 'matMul',
    shape: '1024x1024 @ 1024x1024',
    gflop: (2 * 1024 ** 3) / 1e9,
    inputs: () => [benchTensor([1024, 1024], 1), benchTensor([1024, 1024], 2)],
    run: ([a, b]) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
  },
  {
    op: 'conv2d 3x3 same',
    shape: '1x64x64x320 * 3x3x320x320',
    gflop: conv3x3Gflop(1, 64, 64, 320, 320),
    inputs: () => [benchTensor([1, 64, 64, 320], 1), benchTensor([3, 3, 320, 320], 2)],
    run: ([x, f]) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same'),
  },
];

async function withWeights<M extends Module>(module: M, seed: number): Promise<M> {
  await setResidency(module, 'device');
  await fillRandomWeights(module, seed);
  return module;
}

/**
 * SD 1.5's blocks at their real shapes, random weights: the UNet's first-level resnet and
 * transformer at a CFG batch of 2, and the VAE decoder's last-level resnet at 512x512.
 */
export async function blockWorkloads(): Promise<Workload[]> {
  const unetResnet = await withWeights(new ResnetBlock2D({ inChannels: 320, outChannels: 320, tembChannels: 1280, groups: 32, eps: 1e-5 }), 1);
  const transformer = await withWeights(
    new Transformer2DModel({ inChannels: 320, heads: 8, headDim: 40, layers: 1, crossAttentionDim: 768, normGroups: 32, useLinearProjection: false, onlyCrossAttention: false }),
    2,
  );
  const vaeResnet = await withWeights(new ResnetBlock2D({ inChannels: 128, outChannels: 128, tembChannels: null, groups: 32, eps: 1e-6 }), 3);
  // Self-attention 2 x 2*4096^2*320 x 2 products, cross 2 x 2*4096*77*320 x 2, projections and feed-forward.
  const tokens = 64 * 64;
  const linear = (rows: number, cin: number, cout: number) => 2 * rows * cin * cout;
  const transformerFlop =
    2 * (2 * 2 * tokens * tokens * 320 + 2 * 2 * tokens * 77 * 320) +
    linear(2 * tokens, 320, 320) * (2 + 4 + 2) + // proj in/out (1x1), q k v out of attn1, q out of attn2
    linear(2 * 77, 768, 320) * 2 + // attn2 k, v
    linear(2 * tokens, 320, 2560) + linear(2 * tokens, 1280, 320); // GEGLU in, ff out
  return [
    {
      op: 'UNet ResnetBlock2D',
      shape: 'b2, 64x64x320, temb 1280',
      gflop: 2 * conv3x3Gflop(2, 64, 64, 320, 320),
      inputs: () => [benchTensor([2, 64, 64, 320], 1), benchTensor([2, 1280], 2)],
      run: ([x, temb]) => unetResnet.forward(x as tf.Tensor4D, temb as tf.Tensor2D),
      dispose: () => unetResnet.dispose(),
    },
    {
      op: 'UNet Transformer2D',
      shape: 'b2, 64x64x320, ctx 77x768',
      gflop: transformerFlop / 1e9,
      inputs: () => [benchTensor([2, 64, 64, 320], 1), benchTensor([2, 77, 768], 2)],
      run: ([x, ctx]) => transformer.forward(x as tf.Tensor4D, ctx as tf.Tensor3D),
      dispose: () => transformer.dispose(),
    },
    {
      op: 'VAE ResnetBlock2D',
      shape: 'b1, 512x512x128',
      gflop: 2 * conv3x3Gflop(1, 512, 512, 128, 128),
      inputs: () => [benchTensor([1, 512, 512, 128], 1)],
      run: ([x]) => vaeResnet.forward(x as tf.Tensor4D, null),
      dispose: () => vaeResnet.dispose(),
    },
  ];
}
