import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoencoderKL } from '../../../../src-main/engine/models/vae/autoencoder-kl';
import { vaeConfigFrom } from '../../../../src-main/engine/models/vae/config';
import { expectMatches, loadCase } from '../../../parity/golden';
import { diffusersConfig, diffusersWeightsPath, goldenNhwc, loadSafetensors, nchwValues } from '../../nn/golden-weights';
import { useTestBackend } from '../../nn/test-backend';

// The tiny SD 1.5-shaped AutoencoderKL of the golden set against diffusers' outputs.
const golden = loadCase('vae');
let vae: AutoencoderKL;

beforeAll(async () => {
  await useTestBackend();
  vae = new AutoencoderKL(vaeConfigFrom(diffusersConfig('vae')));
  loadSafetensors(vae, diffusersWeightsPath('vae'));
});

afterAll(() => vae.dispose());

/** Compares an NHWC result with a golden NCHW tensor, shapes included. */
function expectGolden(key: string, got: tf.Tensor4D): void {
  const [b, h, w, c] = got.shape;
  expectMatches(golden, key, nchwValues(got), [b, c, h, w]);
}

describe('AutoencoderKL parity with diffusers', () => {
  it('encodes a non-square image: encoder output, moments, mean, clamped logvar, std, sample', () => {
    const x = goldenNhwc(golden, 'encode/x');
    const eps = goldenNhwc(golden, 'encode/eps');
    const encoderOut = vae.encoder.forward(x);
    expectGolden('encode/encoder_out', encoderOut);
    const moments = vae.moments(x);
    expectGolden('encode/moments', moments);
    const dist = vae.encode(x);
    expectGolden('encode/mean', dist.mean);
    expectGolden('encode/logvar', dist.logvar);
    expectGolden('encode/std', dist.std);
    const sample = dist.sample(eps);
    expectGolden('encode/sample', sample);
    tf.dispose([x, eps, encoderOut, moments, dist.mean, dist.logvar, dist.std, sample]);
  });

  it('decodes a raw latent (post_quant_conv then decoder, no scaling factor)', () => {
    const z = goldenNhwc(golden, 'decode/z');
    const image = vae.decode(z);
    expect(image.shape).toEqual([1, 32, 48, 3]);
    expectGolden('decode/out', image);
    tf.dispose([z, image]);
  });

  it('decodes the encoded mean', () => {
    const x = goldenNhwc(golden, 'encode/x');
    const dist = vae.encode(x);
    const image = vae.decode(dist.mean);
    expectGolden('decode/out_of_encode_mean', image);
    tf.dispose([x, dist.mean, dist.logvar, dist.std, image]);
  });
});
