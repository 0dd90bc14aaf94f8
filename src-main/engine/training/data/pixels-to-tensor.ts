import * as tf from '@tensorflow/tfjs';
import type { Rgb8Image } from './decode-image';

/** Same-size RGB8 images as the VAE's input: (B, H, W, 3) float32 in [-1, 1]. */
export function imagesToVaeInput(images: readonly Rgb8Image[]): tf.Tensor4D {
  if (images.length === 0) throw new Error('imagesToVaeInput: no images');
  const { width, height } = images[0];
  const pixels = width * height * 3;
  const values = new Float32Array(images.length * pixels);
  images.forEach((image, b) => {
    if (image.width !== width || image.height !== height) {
      throw new Error(`imagesToVaeInput: image ${b} is ${image.width}x${image.height}, the first is ${width}x${height}`);
    }
    for (let i = 0; i < pixels; i++) values[b * pixels + i] = image.data[i] / 127.5 - 1;
  });
  return tf.tensor4d(values, [images.length, height, width, 3]);
}
