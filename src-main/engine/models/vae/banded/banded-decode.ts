import * as tf from '@tensorflow/tfjs';
import type { VaeDecoder } from '../decoder';
import { outputInBands, resnetInBands, upsampleInBands, bandRows } from './banded-layers';
import { HostMap } from './host-map';

/** Largest band a layer streams at once (its widest map's rows): tens of MB in the backend. */
export const DEFAULT_BAND_BYTES = 8 * 2 ** 20;

/**
 * The decoder with its up blocks streamed in bands of rows through the backend, one sample at a
 * time, their maps held in JS memory between layers (see HostMap): the same arithmetic as
 * VaeDecoder.forward, whose 512 px maps (up to 256 MB each, several alive at once) would
 * otherwise raise the wasm heap, which never shrinks. Exact: convolutions read real neighbour
 * rows across band edges and group norms use whole-map statistics, so no seams and no blending.
 * conv_in and the mid block (with its global attention) run whole at the latent size.
 * z: (B, h, w, latent) after post_quant_conv. Returns (B, h*f, w*f, out). Not differentiable.
 */
export function decodeInBands(decoder: VaeDecoder, z: tf.Tensor4D, bandBytes = DEFAULT_BAND_BYTES): tf.Tensor4D {
  const images: tf.Tensor4D[] = [];
  for (let b = 0; b < z.shape[0]; b++) {
    const deepest = tf.tidy(() => {
      const sample = z.slice([b, 0, 0, 0], [1, -1, -1, -1]); // (1, h, w, latent)
      return decoder.middle(sample); // (1, h, w, C)
    });
    let x = HostMap.fromTensor(deepest, bandRows(deepest.shape[2], deepest.shape[3], bandBytes));
    deepest.dispose();
    for (const block of decoder.upBlocks.items) {
      if (block.takesSkips || block.attentions) throw new Error('decodeInBands: an up block with skips or attention is not a VAE decoder block');
      for (const resnet of block.resnets.items) x = resnetInBands(resnet, x, bandBytes);
      if (block.upsampler) x = upsampleInBands(block.upsampler, x, bandBytes);
    }
    images.push(outputInBands(decoder.convNormOut, decoder.convOut, x, bandBytes));
  }
  if (images.length === 1) return images[0];
  const stacked = tf.concat(images, 0); // (B, H, W, out)
  tf.dispose(images);
  return stacked;
}
