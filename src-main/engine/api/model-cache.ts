import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeResidency } from '../nn/weight-residency';
import { EngineError } from '../errors';
import { loadStableDiffusion, type StableDiffusion } from '../pipelines/stable-diffusion';
import type { ModelInfo, ModelSpec } from './types';

interface Entry {
  spec: ModelSpec;
  sd: StableDiffusion;
  info: ModelInfo;
}

/** The same model named with other spellings of its paths is one model. */
export function modelKey(spec: ModelSpec): string {
  const abs = (p?: string) => (p === undefined ? null : resolve(p));
  return JSON.stringify([abs(spec.path), abs(spec.config), abs(spec.tokenizer), abs(spec.vae)]);
}

/**
 * Base models kept loaded between jobs, most recently used last. Loading one more than
 * `capacity` frees the least recently used first, so SD 1.5's 4 GB never sits twice in memory.
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`the model cache holds at least one model, got ${capacity}`);
  }

  has(spec: ModelSpec): boolean {
    return this.entries.has(modelKey(spec));
  }

  /** The loaded model, loading it first when needed (and making room for it). */
  async get(spec: ModelSpec): Promise<StableDiffusion> {
    return (await this.entry(spec)).sd;
  }

  async load(spec: ModelSpec): Promise<ModelInfo> {
    return (await this.entry(spec)).info;
  }

  /** The loaded model without loading it (null when it is not loaded). */
  peek(spec: ModelSpec): StableDiffusion | null {
    return this.entries.get(modelKey(spec))?.sd ?? null;
  }

  unload(spec: ModelSpec): boolean {
    return this.unloadByKey(modelKey(spec));
  }

  unloadByKey(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    entry.sd.dispose();
    return true;
  }

  unloadAll(): void {
    for (const entry of this.entries.values()) entry.sd.dispose();
    this.entries.clear();
  }

  list(): ModelInfo[] {
    return [...this.entries.values()].map((e) => e.info);
  }

  private async entry(spec: ModelSpec): Promise<Entry> {
    const key = modelKey(spec);
    const found = this.entries.get(key);
    if (found) {
      // Most recently used goes last.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    if (!existsSync(spec.path)) throw new EngineError('not-found', `the model ${spec.path} does not exist`);
    // Least recently used first: Map keeps insertion order.
    for (const oldest of [...this.entries.keys()].slice(0, Math.max(0, this.entries.size - this.capacity + 1))) this.unloadByKey(oldest);
    const sd = await loadStableDiffusion(spec.path, { config: spec.config, tokenizerPath: spec.tokenizer, vaePath: spec.vae });
    const entry = { spec, sd, info: modelInfo(key, spec, sd) };
    this.entries.set(key, entry);
    return entry;
  }
}

function modelInfo(key: string, spec: ModelSpec, sd: StableDiffusion): ModelInfo {
  const unet = sd.unet.config;
  const text = sd.textEncoder.config;
  const vae = sd.vae.config;
  return {
    key,
    path: resolve(spec.path),
    name: sd.name,
    hash: sd.hash,
    residency: Object.fromEntries(Object.entries(sd.residency).map(([name, choice]) => [name, describeResidency(name, choice!)])),
    unet: {
      inChannels: unet.in_channels,
      crossAttentionDim: Array.isArray(unet.cross_attention_dim) ? unet.cross_attention_dim[0] : unet.cross_attention_dim,
      blockOutChannels: [...unet.block_out_channels],
    },
    textEncoder: { layers: text.num_hidden_layers, width: text.hidden_size, vocabSize: text.vocab_size },
    vae: { latentChannels: vae.latent_channels, scalingFactor: vae.scaling_factor, downscale: sd.vae.downscale },
  };
}
