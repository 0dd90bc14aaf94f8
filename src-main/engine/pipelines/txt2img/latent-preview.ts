import * as tf from '@tensorflow/tfjs';
import { encodePng, rgb8FromVaeImages } from '../../io/png';

/**
 * A linear fit from SD 1.5's four latent channels to RGB in [-1, 1] (the approximation image
 * tools use for live previews): one small matmul per step instead of a VAE decode.
 */
const SD15_LATENT_TO_RGB = [
  [0.3512, 0.2297, 0.3227],
  [0.325, 0.4974, 0.235],
  [-0.2829, 0.1762, 0.2721],
  [-0.212, -0.2616, -0.7177],
];

export interface PreviewImage {
  width: number;
  height: number;
  pngBase64: string;
}

/**
 * Rough RGB previews of latents (B, h, w, C) at the latent resolution (1/8 of the image). Four
 * channels use SD 1.5's fit; other latent widths show the channel mean in grey.
 */
export async function latentPreviews(latents: tf.Tensor4D): Promise<PreviewImage[]> {
  const rgb = tf.tidy(() => {
    const [b, h, w, c] = latents.shape;
    if (c !== SD15_LATENT_TO_RGB.length) return latents.mean(3, true).tile([1, 1, 1, 3]) as tf.Tensor4D; // (B, h, w, 3)
    return latents.reshape([b * h * w, c]).matMul(tf.tensor2d(SD15_LATENT_TO_RGB)).reshape([b, h, w, 3]) as tf.Tensor4D; // (B*h*w, C) -> (B, h, w, 3)
  });
  try {
    const images = await rgb8FromVaeImages(rgb);
    return images.map((image) => ({ width: image.width, height: image.height, pngBase64: Buffer.from(encodePng(image, { compressionLevel: 1 })).toString('base64') }));
  } finally {
    rgb.dispose();
  }
}
