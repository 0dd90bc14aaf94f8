import * as tf from '@tensorflow/tfjs';
import { encodeChunks, padChunks, promptChunks } from '../prompt';
import type { StableDiffusion } from '../stable-diffusion';

/**
 * The UNet's text conditioning for classifier-free guidance, as A1111 builds it: both prompts
 * parsed for emphasis and split into 75-token chunks, the shorter one padded with empty
 * chunks so both have the same length, each encoded and concatenated.
 * Returns (2B, 77*chunks, D): B copies of the negative prompt, then B of the prompt.
 */
export function cfgConditioning(sd: StableDiffusion, prompt: string, negativePrompt: string, batch: number, clipSkip: number): tf.Tensor3D {
  const positive = promptChunks(prompt, sd.tokenizer).chunks;
  const negative = promptChunks(negativePrompt, sd.tokenizer).chunks;
  const count = Math.max(positive.length, negative.length);
  // A1111's "Clip skip: N" (1 = last layer) is diffusers' N - 1.
  const encoder = (ids: tf.Tensor2D) => sd.textEncoder.encode(ids, clipSkip - 1);
  return tf.tidy(() => {
    const cond = encodeChunks(padChunks(positive, count, sd.tokenizer), encoder); // (1, 77*count, D)
    const uncond = encodeChunks(padChunks(negative, count, sd.tokenizer), encoder); // (1, 77*count, D)
    return tf.concat([tf.tile(uncond, [batch, 1, 1]), tf.tile(cond, [batch, 1, 1])]) as tf.Tensor3D; // (2B, 77*count, D)
  });
}
