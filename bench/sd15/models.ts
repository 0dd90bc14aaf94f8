import * as tf from '@tensorflow/tfjs';
import { sd15ClipTextConfig } from '../../src-main/engine/models/clip/config';
import { ClipTextModel } from '../../src-main/engine/models/clip/text-model';
import { SD15_UNET_CONFIG, UNet2DConditionModel } from '../../src-main/engine/models/unet';
import { AutoencoderKL, SD15_VAE_CONFIG } from '../../src-main/engine/models/vae';
import type { Module } from '../../src-main/engine/nn/module';
import { applyResidency, describeResidency, type ResidencyChoice, type WeightResidencyOption } from '../../src-main/engine/nn/weight-residency';
import { fillRandomWeights } from './random-weights';

/** SD 1.5's real shapes: 512 px images, 64x64 latents, 77 tokens of width 768. */
export const SD15 = { latent: 64, latentChannels: 4, tokens: 77, contextDim: 768 } as const;

export interface Built<M extends Module> {
  model: M;
  residency: ResidencyChoice;
  line: string;
}

/** Builds a model, places it (as loadModelFiles would) and fills it with seeded random weights. */
export async function buildRandom<M extends Module>(name: string, model: M, seed: number, option: WeightResidencyOption = 'auto'): Promise<Built<M>> {
  const residency = await applyResidency(model, option);
  await fillRandomWeights(model, seed);
  return { model, residency, line: describeResidency(name, residency) };
}

export const sd15Unet = (option?: WeightResidencyOption) => buildRandom('unet', new UNet2DConditionModel(SD15_UNET_CONFIG), 1, option);
export const sd15Vae = (option?: WeightResidencyOption) => buildRandom('vae', new AutoencoderKL(SD15_VAE_CONFIG), 2, option);
export const sd15Clip = (option?: WeightResidencyOption) => buildRandom('text_encoder', new ClipTextModel({ ...sd15ClipTextConfig }), 3, option);

/** UNet inputs at batch b: latents (b, 64, 64, 4) and text states (b, 77, 768). */
export function unetInputs(batch: number): { sample: tf.Tensor4D; context: tf.Tensor3D } {
  return tf.tidy(() => ({
    sample: tf.randomNormal([batch, SD15.latent, SD15.latent, SD15.latentChannels], 0, 1, 'float32', 21) as tf.Tensor4D,
    context: tf.randomNormal([batch, SD15.tokens, SD15.contextDim], 0, 1, 'float32', 22) as tf.Tensor3D,
  }));
}

/** Token ids (b, 77): BOS, arbitrary words, EOS, padding, as a tokenizer lays them out. */
export function clipInputIds(batch: number): tf.Tensor2D {
  const ids = new Int32Array(batch * SD15.tokens).fill(sd15ClipTextConfig.eos_token_id);
  for (let b = 0; b < batch; b++) {
    ids[b * SD15.tokens] = sd15ClipTextConfig.bos_token_id;
    for (let i = 1; i < 20; i++) ids[b * SD15.tokens + i] = 1000 + 37 * i + b;
  }
  return tf.tensor2d(ids, [batch, SD15.tokens], 'int32');
}
