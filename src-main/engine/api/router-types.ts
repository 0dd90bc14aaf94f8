import type { EmbeddingMethod, EmbeddingOptions, UsedEmbeddingOptions } from '../analysis/embedding/embed';
import type { NeighbourPurity } from '../analysis/embedding/neighbour-purity';
import type { GuidancePass } from '../analysis/router-trace';
import type { RouteSummary } from '../analysis/router-study/route-summary';
import type { RoutePoint, StudyRoutes } from '../analysis/router-study/study-routes';
import type { StudyPromptSource } from '../analysis/router-study/study-prompts';
import type { SamplerName } from '../schedulers';
import type { ModelSpec } from './types';

/**
 * Router studies and their embedding (spec section 6, the paper's Fig. 9): the requests and
 * results of `routerStudy` and `embedRoutes`. Plain JSON data, as every engine type.
 */

export interface RouterStudyRequest {
  model: ModelSpec;
  /** One StyleInject adapter with DMA (a style router); its weight defaults to 1. */
  adapter: { path: string; weight?: number };
  /** The built-in themed list, a prompt file, or the caller's prompts (a dataset's captions). */
  prompts: StudyPromptSource;
  /** Images per prompt (default 2): seeds seed, seed + 1, ... for every prompt alike. */
  seeds?: number;
  /** The first seed (default 1). */
  seed?: number;
  /** Defaults as generate: 20 steps, CFG 7.5, 512x512, euler_a, no negative prompt. */
  steps?: number;
  cfgScale?: number;
  width?: number;
  height?: number;
  sampler?: SamplerName;
  negativePrompt?: string;
  /** Which half of the CFG batch the routes are taken from (default 'cond', the prompt's). */
  pass?: GuidancePass;
  /**
   * Where the images go (created if missing): 001-<theme>-s<seed>.png ... with A1111 parameters
   * inside. An existing file that is not an image generated here is never replaced unless
   * `overwrite` is set.
   */
  output: { folder: string; overwrite?: boolean };
}

export interface RouterStudyImage {
  prompt: string;
  theme: string;
  seed: number;
  path: string;
  /** steps x (layers * K): at each step, every layer's K route probabilities, layer after layer. */
  routes: number[][];
}

export interface RouterStudyResult extends StudyRoutes {
  adapter: { path: string; name: string };
  /** The routed layers (all of the adapter's), the order of each routes row's blocks. */
  layers: string[];
  k: number;
  pass: GuidancePass;
  steps: number;
  /** The sampler's timestep at each step. */
  timesteps: number[];
  /** Themes in the order they first appear. */
  themes: string[];
  /** Prompt by prompt, seed by seed. */
  images: RouterStudyImage[];
  /** Mean route probabilities over the images: per layer, per step and branch (heat map), and per branch (usage bar). */
  summary: RouteSummary;
  settings: { width: number; height: number; cfgScale: number; sampler: string; negativePrompt: string };
  elapsedMs: number;
}

export interface EmbedRoutesRequest {
  /**
   * A study (or its routes: layers, K and per image the routes, with prompt and theme for the
   * theme separation figure): one vector per (image, step) of the chosen layers.
   */
  study?: StudyRoutes & { images: { routes: number[][]; prompt?: string; theme?: string }[] };
  /** Only these routed layers of the study (default all). */
  layers?: string[];
  /** Or vectors of any origin, all of one length. */
  vectors?: number[][];
  method: EmbeddingMethod;
  options?: EmbeddingOptions;
}

export interface EmbedRoutesResult {
  method: EmbeddingMethod;
  /** One [x, y] per vector: with a study, image by image and step by step (see `sources`). */
  points: [number, number][];
  /** With a study: which image and step each point is. */
  sources?: RoutePoint[];
  /** With a study: the layers embedded. */
  layers?: string[];
  /** Length of each vector embedded. */
  dimensions: number;
  options: UsedEmbeddingOptions;
  notes: string[];
  /**
   * With a study whose images carry themes (two or more): how well themes separate, as the
   * share of each point's 5 nearest neighbours among other prompts' points that share its theme,
   * beside the share chance gives.
   */
  themeSeparation?: NeighbourPurity;
  elapsedMs: number;
}

export type { EmbeddingMethod, EmbeddingOptions, NeighbourPurity, RoutePoint, RouteSummary, StudyPromptSource, StudyRoutes, UsedEmbeddingOptions };
