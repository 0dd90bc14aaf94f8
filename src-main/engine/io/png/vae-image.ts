import * as tf from '@tensorflow/tfjs';
import type { Rgb8Image } from './encode';

/**
 * Decoded VAE output (B, H, W, 3) in [-1, 1] -> one RGB8 image per batch item, mapped as diffusers'
 * image processor does: (x / 2 + 0.5) clamped to [0, 1], times 255, rounded.
 */
export async function rgb8FromVaeImages(images: tf.Tensor4D): Promise<Rgb8Image[]> {
  const [batch, height, width, channels] = images.shape;
  if (channels !== 3) throw new Error(`expected an RGB image tensor (B, H, W, 3), got channels ${channels}`);
  const bytes = tf.tidy(() => images.mul(0.5).add(0.5).clipByValue(0, 1).mul(255).round().toInt());
  const values = await bytes.data();
  bytes.dispose();
  const perImage = height * width * 3;
  return Array.from({ length: batch }, (_, b) => ({
    width,
    height,
    channels: 3 as const,
    data: Uint8Array.from(values.subarray(b * perImage, (b + 1) * perImage)),
  }));
}
