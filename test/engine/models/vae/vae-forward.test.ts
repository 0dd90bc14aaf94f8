import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoencoderKL } from '../../../../src-main/engine/models/vae/autoencoder-kl';
import { vaeConfigFrom } from '../../../../src-main/engine/models/vae/config';
import { randomizeParameters } from '../../nn/random-weights';
import { useTestBackend } from '../../nn/test-backend';

// Three levels, one resnet per level, no mid attention, no quant convs, random weights.
const config = vaeConfigFrom({
  block_out_channels: [8, 16, 16],
  down_block_types: ['DownEncoderBlock2D', 'DownEncoderBlock2D', 'DownEncoderBlock2D'],
  up_block_types: ['UpDecoderBlock2D', 'UpDecoderBlock2D', 'UpDecoderBlock2D'],
  layers_per_block: 1,
  latent_channels: 2,
  norm_num_groups: 4,
  mid_block_add_attention: false,
  use_quant_conv: false,
  use_post_quant_conv: false,
});
let vae: AutoencoderKL;

beforeAll(async () => {
  await useTestBackend();
  vae = new AutoencoderKL(config);
  randomizeParameters(vae);
});

afterAll(() => vae.dispose());

describe('AutoencoderKL on a non-SD configuration', () => {
  it('has no attention or quant convs when the config turns them off', () => {
    const names = [...vae.namedParameters()].map(([n]) => n);
    expect(names.some((n) => n.includes('attentions') || n.includes('quant_conv'))).toBe(false);
    expect(names).toContain('encoder.down_blocks.1.resnets.0.conv_shortcut.weight'); // 8 -> 16
    expect(names).toContain('decoder.up_blocks.2.resnets.0.conv_shortcut.weight'); // 16 -> 8
    const decoderResnets = new Set(names.map((n) => /^decoder\.up_blocks\.0\.resnets\.(\d+)\./.exec(n)?.[1]).filter(Boolean));
    expect(decoderResnets.size).toBe(2); // layers_per_block + 1
  });

  it('encodes 12x20 images to 3x5 latents and decodes them back to 12x20', () => {
    const x = tf.randomUniform([2, 12, 20, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
    const dist = vae.encode(x);
    expect(dist.mean.shape).toEqual([2, 3, 5, 2]);
    const logvar = dist.logvar.dataSync();
    expect(Math.min(...logvar)).toBeGreaterThanOrEqual(-30);
    expect(Math.max(...logvar)).toBeLessThanOrEqual(20);
    const zero = tf.zerosLike(dist.mean);
    const sample = dist.sample(zero);
    expect(tf.max(tf.abs(sample.sub(dist.mean))).dataSync()[0]).toBe(0); // eps = 0 gives the mean
    const image = vae.decode(sample);
    expect(image.shape).toEqual([2, 12, 20, 3]);
    tf.dispose([x, dist.mean, dist.logvar, dist.std, zero, sample, image]);
  });

  it('keeps the tensor count flat over repeated encode/decode', () => {
    const x = tf.randomUniform([1, 8, 8, 3], -1, 1, 'float32', 4) as tf.Tensor4D;
    const roundTrip = () => {
      const dist = vae.encode(x);
      const image = vae.decode(dist.mean);
      tf.dispose([dist.mean, dist.logvar, dist.std, image]);
    };
    roundTrip();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) roundTrip();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('is differentiable end to end (decode of the encoded mean)', () => {
    const x = tf.randomUniform([1, 8, 12, 3], -1, 1, 'float32', 5) as tf.Tensor4D;
    const grad = tf.grad((input: tf.Tensor) => {
      const dist = vae.encode(input as tf.Tensor4D);
      return vae.decode(dist.mean).sub(input).square().mean();
    })(x);
    expect(grad.shape).toEqual(x.shape);
    const norm = tf.norm(grad).dataSync()[0];
    expect(Number.isFinite(norm) && norm > 0).toBe(true);
    tf.dispose([x, grad]);
  });
});
