import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoencoderKL } from '../../../../src-main/engine/models/vae/autoencoder-kl';
import { decodeInBands } from '../../../../src-main/engine/models/vae/banded/banded-decode';
import { vaeConfigFrom } from '../../../../src-main/engine/models/vae/config';
import { expectMatches, loadCase } from '../../../parity/golden';
import { diffusersConfig, diffusersWeightsPath, goldenNhwc, loadSafetensors, nchwValues } from '../../nn/golden-weights';
import { randomizeParameters } from '../../nn/random-weights';
import { useTestBackend } from '../../nn/test-backend';

/** Banded and whole decodes differ only in float32 rounding (statistics summed in another order). */
const TOLERANCE = 2e-5;

/** Largest |a - b| over the largest |b|. */
function relativeMaxError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(a.sub(b))).dataSync()[0] / tf.max(tf.abs(b)).dataSync()[0]);
}

/** Decodes z whole and in bands of about `bandBytes`, through the decoder alone (after post_quant_conv). */
function bothWays(vae: AutoencoderKL, z: tf.Tensor4D, bandBytes: number): { whole: tf.Tensor4D; banded: tf.Tensor4D } {
  return tf.tidy(() => {
    const latents = vae.postQuantConv ? (vae.postQuantConv.forward(z) as tf.Tensor4D) : z;
    return { whole: vae.decoder.forward(latents), banded: decodeInBands(vae.decoder, latents, bandBytes) };
  });
}

beforeAll(async () => {
  await useTestBackend();
});

describe('the banded VAE decode on the golden tiny SD 1.5 VAE', () => {
  const golden = loadCase('vae');
  let vae: AutoencoderKL;
  beforeAll(() => {
    vae = new AutoencoderKL(vaeConfigFrom(diffusersConfig('vae')));
    loadSafetensors(vae, diffusersWeightsPath('vae'));
  });
  afterAll(() => vae.dispose());

  it("matches diffusers' decode, in one-row bands and through decode(z, 'bands')", () => {
    const z = goldenNhwc(golden, 'decode/z');
    const { whole, banded } = bothWays(vae, z, 1); // one row per band: every band edge is a seam candidate
    const viaDecode = vae.decode(z, 'bands');
    const [b, h, w, c] = banded.shape;
    expectMatches(golden, 'decode/out', nchwValues(banded), [b, c, h, w]);
    expectMatches(golden, 'decode/out', nchwValues(viaDecode), [b, c, h, w]);
    expect(relativeMaxError(banded, whole)).toBeLessThan(TOLERANCE);
    tf.dispose([z, whole, banded, viaDecode]);
  });
});

describe('the banded VAE decode on random weights, SD 1.5 layout at a smaller width', () => {
  // Four levels and three resnets per up block as SD 1.5, mid attention, quant convs; 8 groups.
  const vae = new AutoencoderKL(
    vaeConfigFrom({
      block_out_channels: [16, 32, 32, 32],
      layers_per_block: 2,
      latent_channels: 4,
      norm_num_groups: 8,
    }),
  );
  beforeAll(() => randomizeParameters(vae, 7));
  afterAll(() => vae.dispose());

  it('equals the whole decode on a non-square batch of 2, with bands of a few rows that do not divide the maps', () => {
    const z = tf.randomNormal([2, 13, 10, 4], 0, 1, 'float32', 11) as tf.Tensor4D; // -> 104 x 80 images
    const before = tf.memory().numTensors;
    const { whole, banded } = bothWays(vae, z, 5 * 80 * 32 * 4); // about 5 rows of the widest 80 px map
    expect(banded.shape).toEqual([2, 104, 80, 3]);
    expect(relativeMaxError(banded, whole)).toBeLessThan(TOLERANCE);
    tf.dispose([whole, banded]);
    expect(tf.memory().numTensors).toBe(before); // nothing left behind by the bands
    z.dispose();
  });

  it("decodes in bands from 256x256 up under 'auto', and never under a gradient", () => {
    const z = tf.randomNormal([1, 4, 4, 4], 0, 1, 'float32', 12) as tf.Tensor4D;
    expect(() => tf.grad((x: tf.Tensor) => vae.decode(x as tf.Tensor4D, 'bands').sum())(z)).toThrow(/not differentiable/);
    const gradient = tf.grad((x: tf.Tensor) => vae.decode(x as tf.Tensor4D).sum())(z); // 'auto' decodes whole here
    expect(gradient.shape).toEqual(z.shape);
    tf.dispose([z, gradient]);
  });
});
