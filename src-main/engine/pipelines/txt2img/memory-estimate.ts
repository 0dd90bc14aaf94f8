import { totalmem } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { EngineError } from '../../errors';
import type { Module } from '../../nn/module';
import { DEFAULT_MAX_SCORES } from '../../nn/scaled-dot-product-attention';
import type { StableDiffusion } from '../stable-diffusion';

/**
 * How much memory a generation needs at its peak, estimated from the model's configs before
 * any work starts, so that a request that cannot fit is refused with the figure instead of
 * growing until the process dies. An upper estimate of the tensors alive at once (checked
 * against measured peaks in the tests), not an exact account.
 */
export interface GenerationMemory {
  /** Weights held in the backend's memory (host-resident weights count one layer at a time). */
  weightBytes: number;
  /** Peak activations of one denoising step (the UNet on the CFG batch). */
  unetBytes: number;
  /** Peak activations of decoding one image (the VAE decodes images one by one). */
  vaeBytes: number;
  /** weights + the larger of the two stages. */
  totalBytes: number;
}

// Tensors of the top level's size alive at once in a UNet step: the residual stream, the
// attention's q/k/v and output, and the feed-forward's GEGLU projection (8x wide) and halves.
const UNET_TOP_LEVEL_COPIES = 24;
// Tensors of a level's size alive at once in a VAE decoder resnet: input, norm, activation,
// convolution output and the shortcut.
const VAE_LEVEL_COPIES = 5;
const FLOAT_BYTES = 4;

export function estimateGenerationMemory(sd: Pick<StableDiffusion, 'unet' | 'vae' | 'textEncoder'>, r: { width: number; height: number; batch: number; guided: boolean }): GenerationMemory {
  const tokens = (r.width / sd.vae.downscale) * (r.height / sd.vae.downscale); // latent pixels
  const rows = r.guided ? 2 * r.batch : r.batch;
  const scores = (count: number) => 3 * Math.min(DEFAULT_MAX_SCORES, count); // scores, exp and softmax

  const u = sd.unet.config;
  const channels = u.block_out_channels;
  const layers = Math.max(...[u.layers_per_block].flat());
  const heads = Math.max(...[u.attention_head_dim].flat());
  // The down path's outputs wait for the up path: (layers + 1) per level, 4x fewer pixels per level.
  const skips = channels.reduce((sum, c, level) => sum + (layers + 1) * rows * c * (tokens / 4 ** level), 0);
  const unetFloats = skips + UNET_TOP_LEVEL_COPIES * rows * channels[0] * tokens + scores(rows * heads * tokens * tokens);

  // The decoder climbs from the latent size, 4x the pixels per level; each level's input is the
  // level below's width, upsampled, so the widest tensor at a level has the larger of the two widths.
  const widths = [...sd.vae.config.block_out_channels].reverse();
  const widest = Math.max(...widths.map((c, level) => Math.max(c, widths[level - 1] ?? 0) * tokens * 4 ** level));
  const vaeFloats = VAE_LEVEL_COPIES * widest + scores(tokens * tokens);

  const weightBytes = [sd.unet, sd.vae, sd.textEncoder].reduce((sum, m) => sum + backendWeightBytes(m), 0);
  const unetBytes = unetFloats * FLOAT_BYTES;
  const vaeBytes = vaeFloats * FLOAT_BYTES;
  return { weightBytes, unetBytes, vaeBytes, totalBytes: weightBytes + Math.max(unetBytes, vaeBytes) };
}

/** Weights in the backend: all device-resident ones, plus the largest host-resident one while it is uploaded. */
function backendWeightBytes(module: Module): number {
  let device = 0;
  let largestHost = 0;
  for (const [, p] of module.namedParameters()) {
    if (p.residency === 'device') device += p.size * FLOAT_BYTES;
    else largestHost = Math.max(largestHost, p.size * FLOAT_BYTES);
  }
  return device + largestHost;
}

/** What the active backend can hold: wasm's 32-bit heap, else the machine's memory (GPUs hold less, never more). */
export function memoryBudget(backend = tf.getBackend()): { bytes: number; what: string } {
  if (backend === 'wasm') return { bytes: 2 ** 32, what: "the wasm backend's 4 GiB heap" };
  return { bytes: totalmem(), what: `this machine's memory (${backend} backend)` };
}

/** Throws, with the figures, when the estimate exceeds the budget. */
export function checkGenerationMemory(estimate: GenerationMemory, budget: { bytes: number; what: string }, request: string): void {
  if (estimate.totalBytes <= budget.bytes) return;
  const gb = (bytes: number) => `${(bytes / 1e9).toFixed(bytes < 1e10 ? 2 : 0)} GB`;
  throw new EngineError(
    'out-of-memory',
    `${request} needs about ${gb(estimate.totalBytes)} while generating (weights ${gb(estimate.weightBytes)}, ` +
      `denoising ${gb(estimate.unetBytes)}, decoding ${gb(estimate.vaeBytes)}), more than ${gb(budget.bytes)} in ${budget.what}: ` +
      'choose a smaller size or batch',
  );
}
