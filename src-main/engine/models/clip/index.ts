export { clipTextConfigFrom, sd15ClipTextConfig, type ClipHiddenAct, type ClipTextConfig } from './config';
export { ClipTextModel, type ClipForwardOptions } from './text-model';
export { ClipTextTransformer, type ClipTextOutput } from './text-transformer';
export { a1111ClipSkipFromDiffusers, diffusersClipSkipFromA1111 } from './clip-skip';
export { eosPositions } from './pooling';
