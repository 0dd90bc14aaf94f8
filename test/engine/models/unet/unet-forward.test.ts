import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unetConfigFrom } from '../../../../src-main/engine/models/unet/config';
import { UNet2DConditionModel } from '../../../../src-main/engine/models/unet/unet-2d-condition';
import { randomizeParameters } from '../../nn/random-weights';
import { useTestBackend } from '../../nn/test-backend';

// A configuration unlike SD 1.5 in every dimension the config controls, random weights.
const config = unetConfigFrom({
  block_out_channels: [16, 24, 32],
  down_block_types: ['CrossAttnDownBlock2D', 'DownBlock2D', 'CrossAttnDownBlock2D'],
  up_block_types: ['CrossAttnUpBlock2D', 'UpBlock2D', 'CrossAttnUpBlock2D'],
  layers_per_block: [1, 2, 1],
  attention_head_dim: [2, 3, 4],
  transformer_layers_per_block: [2, 1, 1],
  cross_attention_dim: 12,
  norm_num_groups: 8,
  use_linear_projection: true,
  only_cross_attention: [true, false, false],
  time_embedding_dim: 40,
});
let unet: UNet2DConditionModel;

beforeAll(async () => {
  await useTestBackend();
  unet = new UNet2DConditionModel(config);
  randomizeParameters(unet);
});

afterAll(() => unet.dispose());

const inputs = (batch: number, height: number, width: number) => ({
  sample: tf.randomNormal([batch, height, width, 4], 0, 1, 'float32', 7) as tf.Tensor4D,
  context: tf.randomNormal([batch, 5, 12], 0, 1, 'float32', 8) as tf.Tensor3D,
});

describe('UNet2DConditionModel on a non-SD configuration', () => {
  it('names its parts like diffusers for linear projections, per-level layers and only-cross attention', () => {
    const names = new Set([...unet.namedParameters()].map(([n]) => n));
    expect(names.has('down_blocks.0.attentions.0.proj_in.weight')).toBe(true);
    const shape = (key: string) => [...unet.namedParameters()].find(([n]) => n === key)?.[1].torchShape;
    expect(shape('down_blocks.0.attentions.0.proj_in.weight')).toEqual([16, 16]); // Linear, not 1x1 conv
    expect(shape('down_blocks.0.attentions.0.transformer_blocks.1.attn1.to_k.weight')).toEqual([16, 12]); // only_cross_attention
    // per-level fields follow their level onto the up path (up block 2 is level 0)
    expect(shape('up_blocks.2.attentions.0.transformer_blocks.0.attn1.to_k.weight')).toEqual([16, 12]);
    expect(shape('up_blocks.0.attentions.0.transformer_blocks.0.attn1.to_k.weight')).toEqual([32, 32]);
    expect(shape('up_blocks.0.attentions.0.transformer_blocks.0.attn2.to_q.weight')).toEqual([32, 32]);
    expect(shape('up_blocks.0.resnets.1.norm1.weight')).toEqual([32 + 24]); // last resnet takes level 1's downsampled skip
    expect(shape('up_blocks.1.resnets.2.conv1.weight')).toEqual([24, 24 + 16, 3, 3]); // skip from the level above
    expect(shape('time_embedding.linear_2.weight')).toEqual([40, 40]);
    expect(names.has('down_blocks.2.downsamplers.0.conv.weight')).toBe(false);
    expect(names.has('up_blocks.2.upsamplers.0.conv.weight')).toBe(false);
  });

  it('runs odd, non-square sizes (upsampling back to each skip size) and returns every block output', () => {
    const { sample, context } = inputs(2, 10, 7);
    const out = unet.forward(sample, tf.tensor1d([3, 500.5]), context, { returnBlockOutputs: true });
    expect(out.sample.shape).toEqual([2, 10, 7, 4]);
    expect(out.blocks.down.map((t) => t.shape)).toEqual([
      [2, 5, 4, 16],
      [2, 3, 2, 24],
      [2, 3, 2, 32],
    ]);
    expect(out.blocks.mid.shape).toEqual([2, 3, 2, 32]);
    // up outputs are taken after each upsampler, at the size of the skip that follows
    expect(out.blocks.up.map((t) => t.shape)).toEqual([
      [2, 5, 4, 32],
      [2, 10, 7, 24],
      [2, 10, 7, 16],
    ]);
    expect(Number.isFinite(out.sample.abs().max().dataSync()[0])).toBe(true);
    tf.dispose([sample, context, out.sample, out.blocks]);
  });

  it('treats a scalar, a [1] and a per-sample timestep alike', () => {
    const { sample, context } = inputs(2, 4, 4);
    const results = [500, tf.scalar(500, 'int32'), tf.tensor1d([500]), tf.tensor1d([500, 500])].map((t) => unet.forward(sample, t, context));
    for (const r of results.slice(1)) expect(tf.max(tf.abs(r.sub(results[0]))).dataSync()[0]).toBe(0);
    // and different timesteps per sample give different predictions
    const mixed = unet.forward(sample, tf.tensor1d([500, 20]), context);
    const [, second] = tf.split(mixed.sub(results[0]), 2, 0);
    expect(tf.max(tf.abs(second)).dataSync()[0]).toBeGreaterThan(1e-4);
    expect(() => unet.forward(sample, tf.tensor1d([1, 2, 3]), context)).toThrow(/3 timesteps for a batch of 2/);
    tf.dispose([sample, context, mixed, ...results]);
  });

  it('keeps the tensor count flat over repeated forwards', () => {
    const { sample, context } = inputs(1, 8, 6);
    tf.dispose(unet.forward(sample, 10, context)); // first call may cache kernels/constants
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.dispose(unet.forward(sample, 10 + i, context));
      const withBlocks = unet.forward(sample, 10, context, { returnBlockOutputs: true });
      tf.dispose([withBlocks.sample, withBlocks.blocks]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([sample, context]);
  });

  it('is differentiable: the input gradient matches a finite difference', () => {
    const { sample, context } = inputs(1, 6, 4);
    const direction = tf.randomNormal(sample.shape, 0, 1, 'float32', 9) as tf.Tensor4D;
    const loss = (x: tf.Tensor) => unet.forward(x as tf.Tensor4D, 300, context).square().mean();
    const grad = tf.grad(loss)(sample);
    const analytic = grad.mul(direction).sum().dataSync()[0];
    const h = 1e-2;
    const plus = loss(sample.add(direction.mul(h))).dataSync()[0];
    const minus = loss(sample.sub(direction.mul(h))).dataSync()[0];
    const numeric = (plus - minus) / (2 * h);
    expect(Math.abs(analytic)).toBeGreaterThan(1e-4);
    expect(Math.abs(analytic - numeric)).toBeLessThan(0.02 * Math.abs(numeric) + 1e-4);
    tf.dispose([sample, context, direction, grad]);
  });
});
