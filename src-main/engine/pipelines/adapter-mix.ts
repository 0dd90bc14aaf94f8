import { basename, extname } from 'node:path';
import { disposeAdapter, type Adapter } from '../adapters/adapter';
import { attachAdapters, type AdapterSession, type BlockWeights } from '../adapters/blend';
import { importAdapter } from '../adapters/files';
import { mergeLora, unmergeLora } from '../adapters/merge';
import type { InfotextValue } from '../io/png';
import { sha256OfFiles } from '../io/model-files/hash';
import type { StableDiffusion } from './stable-diffusion';

/** One adapter file the user mixes in, with its generation-time weights (spec section 5). */
export interface AdapterChoice {
  path: string;
  weight: number;
  blockWeights?: BlockWeights;
  steps?: { start: number; end: number };
}

export interface AdapterMixOptions {
  /** Merge plain LoRAs into the weights (faster per step; the weight is then fixed). */
  mergeLoras?: boolean;
  /** Record every routed layer's probabilities per step (spec section 6). */
  recordRoutes?: boolean;
}

/** Adapters applied to a loaded model, and how to take them off again. */
export interface AdapterMix {
  /** Pass to txt2img; null when every adapter was merged. */
  session: AdapterSession | null;
  /** The prompt suffix and settings A1111 and civitai read: `<lora:name:w>` and "Lora hashes". */
  promptSuffix: string;
  infotext: [string, InfotextValue][];
  /** Detaches or unmerges every adapter and frees its tensors; the model is exactly as before. */
  dispose(): void;
}

const isPlainLora = (a: Adapter) => !a.config.dma && !a.config.sta;

/**
 * Opens adapter files (ours, kohya or diffusers/PEFT) against the loaded model and applies
 * them: unmerged through one blend session, or merged for plain LoRAs when asked.
 */
export async function applyAdapters(sd: StableDiffusion, choices: readonly AdapterChoice[], options: AdapterMixOptions = {}): Promise<AdapterMix> {
  const models = { unet: sd.unet, textEncoder: sd.textEncoder };
  const loaded: { choice: AdapterChoice; adapter: Adapter; hash: string }[] = [];
  try {
    for (const choice of choices) {
      const adapter = await importAdapter(choice.path, models);
      loaded.push({ choice, adapter, hash: (await sha256OfFiles([choice.path])).slice(0, 12) });
    }
    // Only StyleInject adapters with DMA route; a trace without one would be empty.
    if (options.recordRoutes && !loaded.some((l) => l.adapter.config.dma)) {
      const given = loaded.length === 0 ? 'no adapter is given' : `none of the ${loaded.length} adapters has a style router (only StyleInject adapters with DMA route)`;
      throw new Error(`nothing to trace: ${given}; add a StyleInject adapter or leave out the router trace`);
    }
  } catch (error) {
    loaded.forEach((l) => disposeAdapter(l.adapter));
    throw error;
  }
  const mergeable = (l: (typeof loaded)[number]) => options.mergeLoras === true && isPlainLora(l.adapter) && !l.choice.blockWeights && !l.choice.steps;
  const merged = loaded.filter(mergeable);
  const attached = loaded.filter((l) => !mergeable(l));
  merged.forEach((l) => mergeLora(models, l.adapter, l.choice.weight));
  const session = attached.length
    ? attachAdapters(models, attached.map((l) => ({ adapter: l.adapter, ...l.choice })), { recordRoutes: options.recordRoutes })
    : null;

  const label = (l: (typeof loaded)[number]) => basename(l.choice.path, extname(l.choice.path)).replace(/[:<>,]/g, '_');
  const loras = loaded.filter((l) => isPlainLora(l.adapter));
  const styleInject = loaded.filter((l) => !isPlainLora(l.adapter));
  const infotext: [string, InfotextValue][] = [];
  if (loras.length) infotext.push(['Lora hashes', loras.map((l) => `${label(l)}: ${l.hash}`).join(', ')]);
  if (styleInject.length) infotext.push(['StyleInject', styleInject.map((l) => `${label(l)}: ${l.choice.weight} (${l.hash})`).join(', ')]);
  return {
    session,
    promptSuffix: loras.map((l) => ` <lora:${label(l)}:${l.choice.weight}>`).join(''),
    infotext,
    dispose: () => {
      session?.detach();
      merged.forEach((l) => unmergeLora(models, l.adapter, l.choice.weight));
      loaded.forEach((l) => disposeAdapter(l.adapter));
    },
  };
}

// A decimal number as people type it: 1, -1, 0.5, .5, 1., 1e-1, +2.
const WEIGHT = /^(.*):([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)$/;

/**
 * Parses the CLI's `<file>[:weight]`: a number after the last colon is the weight (default 1);
 * anything else there belongs to the path, so a Windows drive letter (C:\x.safetensors) stays.
 */
export function parseAdapterArgument(text: string): AdapterChoice {
  const m = WEIGHT.exec(text);
  const path = m ? m[1] : text;
  if (!path) throw new Error(`--adapter '${text}': no file given`);
  return { path, weight: m ? Number(m[2]) : 1 };
}
