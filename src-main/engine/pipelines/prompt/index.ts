export type { PromptBreak, PromptSpan, WeightedText } from './prompt-span';
export type { PromptTokenizer } from './prompt-tokenizer';
export { parsePromptAttention, type ParseAttentionOptions } from './parse-attention';
export { chunkSpans, emptyChunk, padChunks, promptChunks, type ChunkOptions, type PromptChunk, type PromptChunks } from './prompt-chunks';
export { applyEmphasis } from './apply-emphasis';
export { encodeChunks, type ChunkEncoder } from './encode-prompt';
