/**
 * The engine's public entry: what the CLI, the studio host and scripts use. Plain TypeScript
 * on TensorFlow.js; never imports Electron.
 */
export { initBackend, probeBackends, type BackendName, type BackendReport } from './backend';
export { loadModelFiles, loadUnet, loadVae, loadTextEncoder, type LoadModelFilesOptions, type LoadedModelFiles } from './io/model-files';
export { SafetensorsReader, writeSafetensors } from './io/safetensors';
export { encodePng, encodePngWithInfotext, readInfotextFromPng, infotextSettings } from './io/png';
export { loadClipTokenizer, ClipTokenizer } from './tokenizer';
export { createScheduler, SAMPLER_NAMES, type SamplerName, type Scheduler } from './schedulers';
export { SeededGenerator } from './random';
export { loadStableDiffusion, type StableDiffusion, type LoadStableDiffusionOptions } from './pipelines/stable-diffusion';
export { txt2img, GenerationCancelled, type Txt2ImgRequest, type Txt2ImgResult, type Txt2ImgProgress } from './pipelines/txt2img';
export { detectStyle, AdapterFileError, type AdapterFileStyle } from './adapters/files';
