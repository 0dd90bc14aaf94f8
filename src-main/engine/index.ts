/**
 * The engine's public entry: what the CLI, the studio and scripts import, and nothing deeper
 * (a lint rule holds it). Plain TypeScript on TensorFlow.js; never imports Electron.
 *
 *   const engine = createEngine();
 *   const result = await engine.generate({ model: { path }, prompt, output: { path: 'out.png' } }, { signal, onEvent });
 *
 * Every method takes its request and the same job options (an AbortSignal, one event listener)
 * and rejects with an EngineError whose `code` says what kind of failure it was.
 */
export { createEngine } from './api/create-engine';
export { ENGINE_METHODS, QUEUED_METHODS, type EngineApi, type EngineMethod, type EngineMethods, type EngineRequest, type EngineResult } from './api/engine-api';
export type { EngineEvent, EngineEventListener, InlineImage, JobOptions, JobPhase, MemoryFigures, ProgressItem } from './api/events';
export type {
  EmbeddingOptions,
  EmbedRoutesRequest,
  EmbedRoutesResult,
  NeighbourPurity,
  RoutePoint,
  RouterStudyImage,
  RouterStudyRequest,
  RouterStudyResult,
  RouteSummary,
  StudyPromptSource,
  StudyRoutes,
  UsedEmbeddingOptions,
} from './api/router-types';
export type {
  AdapterInfo,
  AdapterUse,
  BackendReport,
  BackendStatus,
  EngineOptions,
  ExportAdapterRequest,
  GeneratedImage,
  GenerateRequest,
  GenerateResult,
  ModelInfo,
  ModelSpec,
  ParamCountRequest,
  ParamCountResult,
  ParamCountRow,
  RouterTraceRow,
  TrainRequest,
  TrainResult,
} from './api/types';
export { modelKey } from './api/model-cache';
export { ENGINE_ERROR_CODES, EngineError, isEngineErrorCode, type EngineErrorCode, type EngineErrorData } from './errors';

// Vocabulary callers show and check before they ask (names, presets, defaults).
export { backendNames, isBackendName, parseBackendName, type BackendName } from './backend';
export { isSamplerName, SAMPLER_NAMES, type SamplerName } from './schedulers';
export { DEFAULT_TARGETS, TARGET_PRESETS, type TargetPreset } from './adapters/targets';
export { adapterSettings, DEFAULT_METHOD, PAPER_K, PAPER_RANK, type AdapterSettings, type AdapterSettingsInput } from './adapters/settings';
export type { AdapterMethod } from './adapters/adapter';
export { formatMillions } from './adapters/params';
export { readInfotextFromPng as readImageParameters, type A1111Infotext } from './io/png';
export { EMBEDDING_METHODS, isEmbeddingMethod, type EmbeddingMethod } from './analysis/embedding/embed';
export { TSNE_MAX_POINTS } from './analysis/embedding/tsne';
export { BUILTIN_STUDY_PROMPTS } from './analysis/router-study/builtin-prompts';
export { branchRoles, type BranchRoles } from './analysis/router-study/branch-roles';
export { shortLayerName } from './analysis/router-study/layer-names';

// Reading model and adapter files' headers (the studio's library inspects them without the engine process).
export { SafetensorsReader } from './io/safetensors';
export { detectStyle, AdapterFileError, type AdapterFileStyle } from './adapters/files';
export { loadClipTokenizer } from './tokenizer';
