import * as tf from '@tensorflow/tfjs';
import { Conv2d } from '../../nn/conv2d';
import { Module } from '../../nn/module';
import type { AutoencoderKLConfig } from './config';
import { VaeDecoder } from './decoder';
import { diagonalGaussian, sampleGaussian, type DiagonalGaussian } from './diagonal-gaussian';
import { VaeEncoder } from './encoder';
import { decodeInBands } from './banded/banded-decode';

/** How decode runs the decoder: whole maps, or its up blocks streamed in bands of rows. */
export type DecodeMode = 'auto' | 'whole' | 'bands';

/** 'auto' decodes in bands from this many output pixels (256x256) up: where the maps grow large. */
export const BANDED_DECODE_MIN_PIXELS = 256 * 256;

/** What encode() returns: the latent distribution and a way to draw from it. */
export type VaeLatentDistribution = DiagonalGaussian & {
  /** mean + std * eps; the caller owns the result (and eps). */
  sample(eps: tf.Tensor4D): tf.Tensor4D;
};

/**
 * diffusers' AutoencoderKL on NHWC images. The scaling factor is not applied here:
 * the pipeline multiplies latents by config.scaling_factor.
 */
export class AutoencoderKL extends Module {
  readonly encoder: VaeEncoder;
  readonly decoder: VaeDecoder;
  readonly quantConv: Conv2d | null;
  readonly postQuantConv: Conv2d | null;

  constructor(readonly config: AutoencoderKLConfig) {
    super();
    const moments = 2 * config.latent_channels;
    const latent = config.latent_channels;
    this.encoder = this.addModule('encoder', new VaeEncoder(config));
    this.decoder = this.addModule('decoder', new VaeDecoder(config));
    this.quantConv = config.use_quant_conv ? this.addModule('quant_conv', new Conv2d(moments, moments, { kernelSize: 1 })) : null;
    this.postQuantConv = config.use_post_quant_conv
      ? this.addModule('post_quant_conv', new Conv2d(latent, latent, { kernelSize: 1 }))
      : null;
  }

  /** The latent downscale factor: 2 per level below the first (8 in SD). */
  get downscale(): number {
    return 2 ** (this.config.block_out_channels.length - 1);
  }

  /** quant_conv output: mean | logvar (unclamped) on channels, (B, H/f, W/f, 2*latent). */
  moments(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const h = this.encoder.forward(x);
      return this.quantConv ? (this.quantConv.forward(h) as tf.Tensor4D) : h;
    });
  }

  /** x: images (B, H, W, in_channels) in [-1, 1]. The caller disposes mean, logvar and std. */
  encode(x: tf.Tensor4D): VaeLatentDistribution {
    const dist = tf.tidy(() => diagonalGaussian(this.moments(x)));
    return { ...dist, sample: (eps) => sampleGaussian(dist, eps) };
  }

  /**
   * z: raw latents (B, h, w, latent_channels), already divided by scaling_factor. Returns images
   * (B, h*f, w*f, out). 'bands' streams the decoder's up blocks through the backend in bands of
   * rows (decodeInBands: the same values, a fraction of the memory); 'auto' does so for images
   * of BANDED_DECODE_MIN_PIXELS or more when no gradient is being recorded.
   */
  decode(z: tf.Tensor4D, mode: DecodeMode = 'auto'): tf.Tensor4D {
    const pixels = z.shape[1] * z.shape[2] * this.downscale ** 2;
    const taping = tf.engine().isTapeOn();
    if (mode === 'bands' && taping) throw new Error('decode: a banded decode is not differentiable; use mode "whole" under a gradient');
    const banded = mode === 'bands' || (mode === 'auto' && !taping && pixels >= BANDED_DECODE_MIN_PIXELS);
    return tf.tidy(() => {
      const latents = this.decoderInput(z);
      return banded ? decodeInBands(this.decoder, latents) : this.decoder.forward(latents);
    });
  }

  /** The decoder's mid-block output for raw latents z (post_quant_conv, conv_in, mid block), to locate a divergence. */
  decodeToMiddle(z: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => this.decoder.middle(this.decoderInput(z)));
  }

  private decoderInput(z: tf.Tensor4D): tf.Tensor4D {
    return this.postQuantConv ? (this.postQuantConv.forward(z) as tf.Tensor4D) : z;
  }
}
