import * as tf from '@tensorflow/tfjs';
import { attachAdapters } from '../../../../src-main/engine/adapters/blend';
import type { Adapter } from '../../../../src-main/engine/adapters/adapter';
import type { StableDiffusion } from '../../../../src-main/engine/pipelines/stable-diffusion';
import { txt2img } from '../../../../src-main/engine/pipelines/txt2img';
import { SeededGenerator } from '../../../../src-main/engine/random';
import { alphasCumprod } from '../../../../src-main/engine/schedulers';
import { FinetuneObjective } from '../../../../src-main/engine/training/objectives/finetune';
import type { StepContext } from '../../../../src-main/engine/training/objectives/objective';
import { plainUNetForward } from '../../../../src-main/engine/training/recompute';
import { imagesToVaeInput, loadDataset, loadItemPixels } from '../../../../src-main/engine/training/data';

/** Per-channel mean of NHWC latents over images and pixels: (C,). */
function channelMeans(values: Float32Array, channels: number): number[] {
  const sums = new Array<number>(channels).fill(0);
  values.forEach((v, i) => (sums[i % channels] += v));
  return sums.map((s) => s / (values.length / channels));
}

function distance(a: number[], b: number[]): number {
  return Math.sqrt(a.reduce((sum, v, i) => sum + (v - b[i]) ** 2, 0));
}

/** The dataset's latents (VAE posterior means times the scaling factor, (N, h, w, C)) and their per-channel means. */
export async function datasetLatents(sd: StableDiffusion, folder: string, resolution: number): Promise<{ latents: tf.Tensor4D; captions: string[]; means: number[] }> {
  const dataset = await loadDataset({ folder }, { resolution });
  const pixels = await Promise.all(dataset.items.map((item) => loadItemPixels(item, false)));
  const values = tf.tidy(() => {
    const { mean, logvar, std } = sd.vae.encode(imagesToVaeInput(pixels));
    tf.dispose([logvar, std]);
    return mean.mul(sd.vae.config.scaling_factor);
  });
  const data = (await values.data()) as Float32Array;
  const channels = values.shape[values.shape.length - 1];
  return { latents: values as tf.Tensor4D, captions: dataset.items.map((item) => item.caption), means: channelMeans(data, channels) };
}

/**
 * The fine-tune loss on the whole dataset with fixed draws (timesteps and noise from one seed),
 * averaged over `repeats` draws: the same number for the same weights, so the model with and
 * without the adapter compare without the step-to-step noise of the training loss.
 */
export function fixedDrawLoss(sd: StableDiffusion, latents: tf.Tensor4D, captions: string[], repeats: number): number {
  const ctx: StepContext = {
    unet: sd.unet,
    textEncoder: sd.textEncoder,
    tokenizer: sd.tokenizer,
    schedule: sd.schedulerConfig,
    alphasCumprod: tf.tensor1d(alphasCumprod(sd.schedulerConfig)),
    rng: new SeededGenerator(99),
    unetForward: plainUNetForward,
  };
  const objective = new FinetuneObjective();
  let sum = 0;
  for (let i = 0; i < repeats; i++) {
    const loss = objective.loss({ latents, captions }, ctx).total;
    sum += loss.dataSync()[0];
    loss.dispose();
  }
  ctx.alphasCumprod.dispose();
  return sum / repeats;
}

/**
 * How far generated latents' per-channel means lie from the dataset's, for the same prompt and
 * seeds with and without the adapter (weight 1). The tiny model's VAE is random, so latents are
 * where a style shift can be seen.
 */
export async function latentDistances(
  sd: StableDiffusion,
  adapter: Adapter,
  target: number[],
  request: { prompt: string; seeds: number[]; resolution: number; steps: number },
  data: { latents: tf.Tensor4D; captions: string[] },
): Promise<{ withAdapter: number; without: number; lossWith: number; lossWithout: number }> {
  const generate = async (): Promise<number[]> => {
    const all: number[] = [];
    for (const seed of request.seeds) {
      const result = await txt2img(sd, { prompt: request.prompt, seed, steps: request.steps, cfgScale: 1, sampler: 'ddim', width: request.resolution, height: request.resolution, returnLatents: true });
      if (!result.latents) throw new Error('txt2img returned no latents');
      all.push(...result.latents.values);
    }
    return channelMeans(Float32Array.from(all), target.length);
  };
  const without = distance(await generate(), target);
  const lossWithout = fixedDrawLoss(sd, data.latents, data.captions, 8);
  const session = attachAdapters({ unet: sd.unet, textEncoder: sd.textEncoder }, [{ adapter, weight: 1 }]);
  try {
    return { withAdapter: distance(await generate(), target), without, lossWith: fixedDrawLoss(sd, data.latents, data.captions, 8), lossWithout };
  } finally {
    session.detach();
  }
}
