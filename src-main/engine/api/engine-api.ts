import type { JobOptions } from './events';
import type { EmbedRoutesRequest, EmbedRoutesResult, RouterStudyRequest, RouterStudyResult } from './router-types';
import type {
  AdapterInfo,
  BackendStatus,
  ExportAdapterRequest,
  GenerateRequest,
  GenerateResult,
  ModelInfo,
  ModelSpec,
  ParamCountRequest,
  ParamCountResult,
  TrainRequest,
  TrainResult,
} from './types';

/** Every engine method as [request, result]: the one list the in-process engine, the engine process and its client share. */
export interface EngineMethods {
  /** Starts the compute backend (once) and reports which one runs and why the others did not. */
  backend: [{ probeAll?: boolean }, BackendStatus];
  /** Loads a base model and keeps it loaded for the jobs after (a second model replaces it when memory allows one). */
  loadModel: [ModelSpec, ModelInfo];
  unloadModel: [ModelSpec, { unloaded: boolean }];
  loadedModels: [Record<string, never>, ModelInfo[]];
  /** Text to image with adapters; writes the PNGs (A1111 parameters inside) and returns where. */
  generate: [GenerateRequest, GenerateResult];
  /** Trains an adapter; the same request again resumes from the output folder's latest checkpoint. */
  train: [TrainRequest, TrainResult];
  /** An adapter file's kind, settings and size, from its header alone. */
  inspectAdapter: [{ path: string }, AdapterInfo];
  /** Writes an adapter in another format: kohya for other tools, ours from a community file. */
  exportAdapter: [ExportAdapterRequest, { path: string }];
  /** Adapter parameter counts from model shapes alone (spec section 4, the paper's Table IV). */
  countParameters: [ParamCountRequest, ParamCountResult];
  /** Prompts x seeds through one StyleInject adapter with DMA: the images and every routed layer's probabilities at every step. */
  routerStudy: [RouterStudyRequest, RouterStudyResult];
  /** 2-D points (t-SNE, PCA or UMAP) for a study's route vectors, one per image and step; CPU only, with progress. */
  embedRoutes: [EmbedRoutesRequest, EmbedRoutesResult];
}

export type EngineMethod = keyof EngineMethods;
export type EngineRequest<M extends EngineMethod> = EngineMethods[M][0];
export type EngineResult<M extends EngineMethod> = EngineMethods[M][1];

/**
 * The engine: every method takes its request and the same job options (an AbortSignal and one
 * event listener), and resolves to its result or rejects with an EngineError that has a code.
 */
export type EngineApi = {
  [M in EngineMethod]: (request: EngineRequest<M>, job?: JobOptions<EngineResult<M>>) => Promise<EngineResult<M>>;
} & {
  /** Frees every model and stops taking jobs. */
  close(): Promise<void>;
};

export const ENGINE_METHODS: readonly EngineMethod[] = [
  'backend',
  'loadModel',
  'unloadModel',
  'loadedModels',
  'generate',
  'train',
  'inspectAdapter',
  'exportAdapter',
  'countParameters',
  'routerStudy',
  'embedRoutes',
];

/** Methods that run tensors for a while: one at a time, in order. The others answer at once. */
export const QUEUED_METHODS: ReadonlySet<EngineMethod> = new Set(['loadModel', 'unloadModel', 'generate', 'train', 'exportAdapter', 'routerStudy']);
