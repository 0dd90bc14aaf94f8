/** The model library: inspect, add by path or URL, pair tokenizers. Uses the engine only through its public entry. */
export { addModelByPath, type AddModelOptions, type AddedModel } from './add-model';
export { addModelFromUrl, fileNameFromUrl, DOWNLOADS_FOLDER, type AddModelFromUrlOptions } from './add-model-from-url';
export { addTokenizer, attachTokenizer, type AddTokenizerOptions } from './tokenizers';
export { findTokenizerBeside, tokenizerFilesAt } from './tokenizer-files';
export { inspectModel } from './inspect-model';
export { downloadFile, type DownloadOptions, type DownloadProgress, type DownloadResult } from './download';
export { ModelRefusedError, DownloadError, HashMismatchError } from './errors';
export type { ModelDetection, ModelFormat, PredictionType } from './detection';
