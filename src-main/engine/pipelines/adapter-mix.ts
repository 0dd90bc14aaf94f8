import { basename, extname } from 'node:path';
import { disposeAdapter, type Adapter, type AdapterLayerKey } from '../adapters/adapter';
import { attachAdapters, type AdapterEntry, type AdapterSession, type BlockWeights } from '../adapters/blend';
import { importAdapter } from '../adapters/files';
import { mergeLora, unmergeLora } from '../adapters/merge';
import { isPlainLora } from '../adapters/settings';
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
  /** Whether any adapter routes (StyleInject with DMA): only those leave router traces. */
  routes: boolean;
  /** What the caller should know about how the adapters were applied (e.g. a LoRA left unmerged). */
  notes: string[];
  /** Detaches or unmerges every adapter and frees its tensors; the model is exactly as before. */
  dispose(): void;
}

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
  } catch (error) {
    loaded.forEach((l) => disposeAdapter(l.adapter));
    throw error;
  }
  const label = (l: (typeof loaded)[number]) => basename(l.choice.path, extname(l.choice.path)).replace(/[:<>,]/g, '_');
  const mergeable = (l: (typeof loaded)[number]) => options.mergeLoras === true && isPlainLora(l.adapter.config) && !l.choice.blockWeights && !l.choice.steps;
  // Spec section 5: STA rescales the frozen output h around its mean, and a LoRA's delta is added
  // after that. A LoRA merged into the weights would land inside h and be rescaled too, so on
  // layers where an STA adapter also applies the LoRA stays attached.
  const staLayers = new Set(loaded.filter((l) => !mergeable(l)).flatMap((l) => [...l.adapter.layers].filter(([, s]) => s.gamma).map(([key]) => key)));
  const notes: string[] = [];
  const merged: { adapter: Adapter; weight: number }[] = [];
  const attached: AdapterEntry[] = [];
  for (const l of loaded) {
    if (!mergeable(l)) {
      attached.push({ adapter: l.adapter, ...l.choice });
      continue;
    }
    const [keep, merge] = splitLayers(l.adapter, (key) => staLayers.has(key));
    if (merge.layers.size > 0) merged.push({ adapter: merge, weight: l.choice.weight });
    if (keep.layers.size > 0) {
      attached.push({ adapter: keep, ...l.choice });
      notes.push(`${label(l)}: left unmerged on ${keep.layers.size} of ${l.adapter.layers.size} layers, where a StyleInject adapter's STA also applies`);
    }
  }
  merged.forEach((m) => mergeLora(models, m.adapter, m.weight));
  const session = attached.length ? attachAdapters(models, attached, { recordRoutes: options.recordRoutes }) : null;

  const loras = loaded.filter((l) => isPlainLora(l.adapter.config));
  const styleInject = loaded.filter((l) => !isPlainLora(l.adapter.config));
  const infotext: [string, InfotextValue][] = [];
  if (loras.length) infotext.push(['Lora hashes', loras.map((l) => `${label(l)}: ${l.hash}`).join(', ')]);
  if (styleInject.length) infotext.push(['StyleInject', styleInject.map((l) => `${label(l)}: ${l.choice.weight} (${l.hash})`).join(', ')]);
  return {
    session,
    promptSuffix: loras.map((l) => ` <lora:${label(l)}:${l.choice.weight}>`).join(''),
    infotext,
    routes: loaded.some((l) => l.adapter.config.dma),
    notes,
    dispose: () => {
      session?.detach();
      merged.forEach((m) => unmergeLora(models, m.adapter, m.weight));
      loaded.forEach((l) => disposeAdapter(l.adapter));
    },
  };
}

/** Two views of one adapter (sharing its tensors): the layers `pick` selects, and the rest. */
function splitLayers(adapter: Adapter, pick: (key: AdapterLayerKey) => boolean): [Adapter, Adapter] {
  const part = (want: boolean): Adapter => ({ ...adapter, layers: new Map([...adapter.layers].filter(([key]) => pick(key) === want)) });
  return [part(true), part(false)];
}
