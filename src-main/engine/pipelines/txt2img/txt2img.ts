import * as tf from '@tensorflow/tfjs';
import type { AdapterSession } from '../../adapters/blend';
import type { RouterTraceRow } from '../../analysis/router-trace';
import { rgb8FromVaeImages, type GenerationSettings, type Rgb8Image } from '../../io/png';
import { createScheduler, type SamplerName } from '../../schedulers';
import type { StableDiffusion } from '../stable-diffusion';
import { BatchNoise } from './batch-noise';
import { cfgConditioning } from './conditioning';
import { checkGenerationMemory, estimateGenerationMemory, memoryBudget } from './memory-estimate';
import { A1111_SAMPLER_LABELS } from './sampler-labels';
import { checkTxt2ImgSettings, TXT2IMG_DEFAULTS } from './settings-check';
import { badInput } from '../../errors';

export interface Txt2ImgRequest {
  prompt: string;
  negativePrompt?: string;
  /** Denoising steps (default 20). */
  steps?: number;
  /** Classifier-free guidance scale (default 7.5; 1 skips the unconditional pass). */
  cfgScale?: number;
  /** Seed of image 0; image i uses seed + i (default: random). */
  seed?: number;
  /** Multiples of 8 (the VAE's downscale); default 512. */
  width?: number;
  height?: number;
  sampler?: SamplerName;
  batch?: number;
  /** A1111's convention: 1 = last CLIP layer, 2 = penultimate. */
  clipSkip?: number;
  onProgress?: (progress: Txt2ImgProgress) => void;
  /** Sees the latents (B, h, w, C) after each step (previews); must neither keep nor dispose them. */
  onLatents?: (step: number, latents: tf.Tensor4D) => Promise<void>;
  /** Aborting stops generation between two steps; the promise then rejects with GenerationCancelled. */
  signal?: AbortSignal;
  /** Adapters attached to sd's models: told the schedule's progress each step (step ranges, router traces). */
  adapters?: AdapterSession;
  /** Also return the final (scaled) latents before the VAE decode, e.g. to measure them in latent space. */
  returnLatents?: boolean;
}

export interface Txt2ImgProgress {
  step: number;
  steps: number;
  elapsedMs: number;
  /** Estimated time left, from the mean step time so far. */
  etaMs: number;
}

export interface Txt2ImgResult {
  images: Rgb8Image[];
  seeds: number[];
  prompt: string;
  negativePrompt: string;
  /** What A1111 records for this generation (written into the PNG's `parameters` chunk). */
  settings: GenerationSettings;
  /** The routes recorded during this generation, when the adapter session records them. */
  routerTrace?: RouterTraceRow[];
  /** The final latents (B, h, w, C) NHWC, scaled as the UNet sees them, when the request asked for them. */
  latents?: { values: Float32Array; shape: [number, number, number, number] };
}

export class GenerationCancelled extends Error {
  constructor(step: number) {
    super(`generation cancelled after step ${step}`);
    this.name = 'GenerationCancelled';
  }
}

/** Text to image with classifier-free guidance: seeded latents, the sampler loop, VAE decode. */
export async function txt2img(sd: StableDiffusion, request: Txt2ImgRequest): Promise<Txt2ImgResult> {
  const r = checkRequest(sd, request);
  const seeds = Array.from({ length: r.batch }, (_, i) => r.seed + i);
  const noise = new BatchNoise(seeds);
  const scheduler = createScheduler(r.sampler, sd.schedulerConfig);
  scheduler.setTimesteps(r.steps);
  const guided = r.cfgScale !== 1;

  const f = sd.vae.downscale;
  const latentShape = [r.batch, r.height / f, r.width / f, sd.unet.config.in_channels]; // NHWC
  request.adapters?.setProgress(0); // the text encoder's adapters run at the schedule's start
  const context = tf.tidy(() => {
    const both = cfgConditioning(sd, r.prompt, r.negativePrompt, r.batch, r.clipSkip); // (2B, T, D)
    return guided ? both : both.slice([r.batch, 0, 0]); // (B, T, D) without the negative half
  });
  let latents = tf.tidy(() => noise.normalTensor(latentShape).mul(scheduler.initNoiseSigma));
  const started = Date.now();
  const trace = request.adapters?.routerTrace;
  await trace?.flush(); // routes recorded outside a generation belong before it
  const traceStart = trace?.rows.length ?? 0;
  try {
    for (const [i, t] of scheduler.timesteps.entries()) {
      if (request.signal?.aborted) throw new GenerationCancelled(i);
      request.adapters?.setProgress(i / r.steps);
      trace?.setStep({ step: i, timestep: t, images: r.batch, passes: guided ? ['uncond', 'cond'] : ['cond'] });
      const next = tf.tidy(() => {
        const input = scheduler.scaleModelInput(latents, t) as tf.Tensor4D;
        const unetInput = guided ? tf.concat([input, input]) : input; // (2B, h, w, C): uncond then cond
        const eps = sd.unet.forward(unetInput, t, context as tf.Tensor3D);
        const guidance = guided ? cfgCombine(eps, r.batch, r.cfgScale) : eps;
        return scheduler.step(guidance, t, latents, { generator: noise }).prevSample;
      });
      latents.dispose();
      latents = next;
      await trace?.flush(); // this step's routes, every routed layer's, in one read
      const elapsedMs = Date.now() - started;
      request.onProgress?.({ step: i + 1, steps: r.steps, elapsedMs, etaMs: (elapsedMs / (i + 1)) * (r.steps - i - 1) });
      if (request.onLatents) await request.onLatents(i + 1, latents as tf.Tensor4D);
      // Yield to the event loop so a cancel request (or a UI message) is seen between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await checkFiniteLatents(latents);
    const images = await decodeLatents(sd, latents);
    const finalLatents = request.returnLatents ? { values: (await latents.data()) as Float32Array, shape: latents.shape as [number, number, number, number] } : undefined;
    const label = A1111_SAMPLER_LABELS[r.sampler];
    const settings: GenerationSettings = {
      steps: r.steps,
      sampler: label.sampler,
      scheduleType: label.scheduleType,
      cfgScale: r.cfgScale,
      seed: r.seed,
      width: r.width,
      height: r.height,
      modelHash: sd.hash || undefined,
      model: sd.name,
      clipSkip: r.clipSkip,
    };
    const routerTrace = trace?.rows.slice(traceStart);
    return { images, seeds, prompt: r.prompt, negativePrompt: r.negativePrompt, settings, ...(routerTrace && { routerTrace }), ...(finalLatents && { latents: finalLatents }) };
  } finally {
    latents.dispose();
    context.dispose();
    scheduler.dispose();
  }
}

/**
 * Weights are checked when they load; this catches what still overflows (an adapter at a huge
 * weight, say) before a black image is written as if it were a result. One reduction per generation.
 */
async function checkFiniteLatents(latents: tf.Tensor): Promise<void> {
  const finite = tf.tidy(() => tf.all(tf.isFinite(latents)));
  const ok = (await finite.data())[0] === 1;
  finite.dispose();
  if (!ok) throw badInput('sampling produced NaN or infinite latents, which would decode to a black image: lower the adapter weights or CFG scale, or check the model and adapter files');
}

/** uncond + scale * (cond - uncond) on the UNet's (2B, ...) output. */
function cfgCombine(eps: tf.Tensor, batch: number, scale: number): tf.Tensor {
  const [uncond, cond] = tf.split(eps, [batch, batch]);
  return uncond.add(cond.sub(uncond).mul(scale));
}

/** Latents -> RGB8 images, one image at a time so the decoder's activations stay small. */
async function decodeLatents(sd: StableDiffusion, latents: tf.Tensor): Promise<Rgb8Image[]> {
  const images: Rgb8Image[] = [];
  for (let b = 0; b < latents.shape[0]; b++) {
    const decoded = tf.tidy(() => {
      const z = latents.slice([b], [1]).div(sd.vae.config.scaling_factor) as tf.Tensor4D; // (1, h, w, C)
      return sd.vae.decode(z);
    });
    images.push(...(await rgb8FromVaeImages(decoded)));
    decoded.dispose();
  }
  return images;
}

type CheckedRequest = Required<Omit<Txt2ImgRequest, 'onProgress' | 'onLatents' | 'signal' | 'adapters' | 'returnLatents'>>;

/** Fills defaults and rejects bad settings before any work starts. */
function checkRequest(sd: StableDiffusion, q: Txt2ImgRequest): CheckedRequest {
  const r: CheckedRequest = {
    prompt: q.prompt,
    negativePrompt: q.negativePrompt ?? '',
    steps: q.steps ?? TXT2IMG_DEFAULTS.steps,
    cfgScale: q.cfgScale ?? TXT2IMG_DEFAULTS.cfgScale,
    seed: q.seed ?? Math.floor(Math.random() * 2 ** 32),
    width: q.width ?? TXT2IMG_DEFAULTS.width,
    height: q.height ?? TXT2IMG_DEFAULTS.height,
    sampler: q.sampler ?? 'euler_a',
    batch: q.batch ?? TXT2IMG_DEFAULTS.batch,
    clipSkip: q.clipSkip ?? TXT2IMG_DEFAULTS.clipSkip,
  };
  checkTxt2ImgSettings(r);
  // SD's rule (and A1111's): sizes in multiples of 8, and of the VAE's downscale where it is larger.
  const f = Math.max(8, sd.vae.downscale);
  for (const [name, v] of [['width', r.width], ['height', r.height]] as const) {
    if (v % f !== 0) throw badInput(`${name} must be a multiple of ${f}, got ${v}`);
  }
  if (r.clipSkip > sd.textEncoder.config.num_hidden_layers) {
    throw badInput(`clip skip ${r.clipSkip} exceeds the text encoder's ${sd.textEncoder.config.num_hidden_layers} layers`);
  }
  const what = `a ${r.width}x${r.height} image${r.batch > 1 ? ` batch of ${r.batch}` : ''}`;
  checkGenerationMemory(estimateGenerationMemory(sd, { ...r, guided: r.cfgScale !== 1 }), memoryBudget(), what);
  return r;
}
