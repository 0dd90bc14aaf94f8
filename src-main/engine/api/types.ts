import type { AdapterMethod } from '../adapters/adapter';
import type { AdapterFileSummary } from '../adapters/files';
import type { AdapterSettingsInput } from '../adapters/settings';
import type { RouterTraceRow } from '../analysis/router-trace';
import type { BackendName, BackendProbe, BackendReport } from '../backend';
import type { Txt2ImgRequest } from '../pipelines/txt2img';
import type { ModelSettings } from '../training/run';

/**
 * The requests and results of the engine API (engine-api.ts). Every field is plain data, so
 * the same types serve the in-process engine, the engine process's messages and the studio.
 */

/** A base model: single-file `.safetensors` or diffusers folder, plus what a single file lacks. */
export type ModelSpec = ModelSettings;

export interface ModelInfo {
  /** The cache key: the same spec loads once. */
  key: string;
  path: string;
  /** A1111's "Model" (file or folder name) and "Model hash" (10 hex digits of the weights' SHA-256). */
  name: string;
  hash: string;
  /** Per component, where its weights live: on the backend, or in host memory uploaded per layer. */
  residency: Record<string, string>;
  unet: { inChannels: number; crossAttentionDim: number; blockOutChannels: number[] };
  textEncoder: { layers: number; width: number; vocabSize: number };
  vae: { latentChannels: number; scalingFactor: number; downscale: number };
}

/** One adapter file mixed into a generation (spec section 5). */
export interface AdapterUse {
  /** Our StyleInject/LoRA file, a kohya LoRA/LoCon or a diffusers/PEFT LoRA. */
  path: string;
  /** The user weight; 0 is exactly off. */
  weight: number;
  /** Multiplies the weight per UNet block group. */
  blockWeights?: { input?: number; middle?: number; output?: number };
  /** Active while start <= progress < end (fractions of the schedule). */
  steps?: { start: number; end: number };
}

/** What txt2img takes, as data: prompt and settings (defaults: 20 steps, CFG 7.5, a random seed reported in the result, 512x512, euler_a, batch 1, clip skip 1). */
export type GenerationSettings = Pick<Txt2ImgRequest, 'prompt' | 'negativePrompt' | 'steps' | 'cfgScale' | 'seed' | 'width' | 'height' | 'sampler' | 'batch' | 'clipSkip'>;

export interface GenerateRequest extends GenerationSettings {
  model: ModelSpec;
  adapters?: AdapterUse[];
  /** Merge plain LoRAs into the weights (faster steps, fixed weight) where spec section 5 allows it. */
  mergeLoras?: boolean;
  /** Record every routed layer's probabilities per step (spec section 6) into the result. */
  traceRouter?: boolean;
  /** Emit a preview every this many steps (0 or absent: none). */
  previewEvery?: number;
  /**
   * Where the PNGs go: `path` for one image; a batch writes name-1.png, name-2.png ... Checked
   * before any work starts; a file that is not an image we wrote is never replaced unless
   * `overwrite` is set.
   */
  output: {
    path: string;
    overwrite?: boolean;
    /** With traceRouter: also write the trace here as JSON ({ seeds, steps, rows }). */
    routerTracePath?: string;
  };
}

export interface GeneratedImage {
  path: string;
  seed: number;
  width: number;
  height: number;
  /** The A1111 `parameters` text written into the PNG. */
  parameters: string;
}

export interface GenerateResult {
  images: GeneratedImage[];
  /** The seed of image 0 (image i used seed + i). */
  seed: number;
  /** How the adapters were applied, when something is worth saying (a LoRA left unmerged ...). */
  notes: string[];
  /** Every routed layer's probabilities per step, when traceRouter was asked. */
  routerTrace?: RouterTraceRow[];
  elapsedMs: number;
}

export interface TrainRequest {
  /**
   * The run config in run.json's form (see training/run/config.ts): checked and completed with
   * defaults by the engine (the paper's StyleInject K = 16, r = 32 when no adapter is given).
   */
  config: Record<string, unknown>;
  /** Relative paths in the config are taken from here (the config file's folder); default the working folder. */
  baseDir?: string;
}

export interface TrainResult {
  status: 'finished' | 'cancelled';
  /** Optimizer steps completed. */
  step: number;
  totalSteps: number;
  /** The finished adapter, null when cancelled. */
  adapterPath: string | null;
  /** A kohya copy of a plain LoRA. */
  kohyaPath: string | null;
  /** The last checkpoint on disk: a later train call with the same config resumes from it. */
  checkpoint: string | null;
  output: string;
}

/** An adapter file's kind, settings, layer counts and size, from its header alone. */
export type AdapterInfo = AdapterFileSummary;

export interface ExportAdapterRequest {
  path: string;
  /** 'kohya' (plain LoRA only: what A1111 and ComfyUI load) or 'styleinject' (our format; reads community files too). */
  format: 'kohya' | 'styleinject';
  out: string;
  overwrite?: boolean;
  /** The model whose layer names community files are resolved against (default: SD 1.5's architecture). */
  model?: Pick<ModelSpec, 'path' | 'config'>;
}

export interface ParamCountRequest {
  /** Adapter settings (defaults: the paper's StyleInject), or `table4` for every row of the paper's Table IV. */
  adapter?: AdapterSettingsInput;
  table4?: boolean;
  /** Module patterns or presets (default attention-qv). */
  targets?: string[];
  /** Count on this checkpoint's shapes (headers only) instead of SD 1.5's architecture. */
  model?: Pick<ModelSpec, 'path' | 'config'>;
  perLayer?: boolean;
}

export interface ParamCountRow {
  label: string;
  method: AdapterMethod;
  rank: number;
  k: number;
  dma: boolean;
  sta: boolean;
  targets: string[];
  layerCount: number;
  sumDIn: number;
  sumDOut: number;
  total: number;
  /** With perLayer. */
  layers?: { key: string; kind: string; dIn: number; dOut: number; kernelArea: number; down: number; up: number; router: number; gamma: number; total: number }[];
}

export interface ParamCountResult {
  /** 'SD 1.5 architecture' or the checkpoint counted. */
  source: string;
  rows: ParamCountRow[];
}

/** The running backend; with probeAll, also which of the others start on this machine. */
export interface BackendStatus extends BackendReport {
  probes?: BackendProbe[];
}

export interface EngineOptions {
  /** Use this backend or fail (default: STYLEINJECT_BACKEND, else the best that starts). */
  backend?: BackendName;
  /** Threads for backends that take a count (wasm). */
  threads?: number;
  /** Models kept loaded between jobs (default 1: SD 1.5 is 4 GB; another model replaces it). */
  maxLoadedModels?: number;
}

export type { BackendReport, RouterTraceRow };
