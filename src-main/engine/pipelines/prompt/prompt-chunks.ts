import { parsePromptAttention, type ParseAttentionOptions } from './parse-attention';
import type { PromptSpan } from './prompt-span';
import type { PromptTokenizer } from './prompt-tokenizer';

/** One text-encoder input: bos + 75 ids + eos (77), and each id's emphasis weight. */
export interface PromptChunk {
  ids: number[];
  weights: number[];
}

export interface ChunkOptions extends ParseAttentionOptions {
  /** Content ids per chunk (75 for SD). */
  chunkLength?: number;
  /**
   * When a chunk fills up and a comma lies within this many ids before the end, the text after
   * the comma moves to the next chunk so a phrase is not cut in half (A1111's
   * comma_padding_backtrack, default 20; 0 disables).
   */
  commaPaddingBacktrack?: number;
  /** The id of ',' as a whole word; by default whatever the tokenizer gives for ','. */
  commaId?: number;
}

export interface PromptChunks {
  chunks: PromptChunk[];
  /** A1111's token count: full chunks count chunkLength, the last one its real ids. */
  tokenCount: number;
}

function defaultCommaId(tokenizer: PromptTokenizer): number | undefined {
  const ids = tokenizer.encode(',');
  return ids.length === 1 ? ids[0] : undefined;
}

/**
 * Frames content ids as the encoder input: pad to chunkLength with eos (A1111 pads with the
 * end token), wrap in bos ... eos, and when the tokenizer's pad differs from eos (SD 2), turn
 * every id after the first eos into pad, as A1111's process_tokens does.
 */
function frameChunk(ids: number[], weights: number[], chunkLength: number, tokenizer: PromptTokenizer): PromptChunk {
  const fill = Math.max(0, chunkLength - ids.length);
  const framed = [tokenizer.bosId, ...ids, ...Array<number>(fill).fill(tokenizer.eosId), tokenizer.eosId];
  const firstEos = framed.indexOf(tokenizer.eosId, 1);
  for (let i = firstEos + 1; i < framed.length; i++) framed[i] = tokenizer.padId;
  return { ids: framed, weights: [1, ...weights, ...Array<number>(fill).fill(1), 1] };
}

/** A chunk that holds no prompt text (bos, then eos padding), for evening out chunk counts. */
export function emptyChunk(tokenizer: PromptTokenizer, chunkLength = 75): PromptChunk {
  return frameChunk([], [], chunkLength, tokenizer);
}

/** Splits weighted spans into 77-id chunks exactly as A1111's tokenize_line. */
export function chunkSpans(spans: readonly PromptSpan[], tokenizer: PromptTokenizer, options: ChunkOptions = {}): PromptChunks {
  const chunkLength = options.chunkLength ?? 75;
  const backtrack = options.commaPaddingBacktrack ?? 20;
  const commaId = options.commaId ?? defaultCommaId(tokenizer);
  const chunks: PromptChunk[] = [];
  let ids: number[] = [];
  let weights: number[] = [];
  let lastComma = -1;
  let tokenCount = 0;

  const closeChunk = (isLast: boolean) => {
    tokenCount += isLast ? ids.length : chunkLength;
    chunks.push(frameChunk(ids, weights, chunkLength, tokenizer));
    ids = [];
    weights = [];
    lastComma = -1;
  };

  for (const span of spans) {
    if (span.kind === 'break') {
      closeChunk(false);
      continue;
    }
    for (const id of tokenizer.encode(span.text)) {
      if (id === commaId) {
        lastComma = ids.length;
      } else if (backtrack !== 0 && ids.length === chunkLength && lastComma !== -1 && ids.length - lastComma <= backtrack) {
        // Move everything after the comma into the next chunk.
        const movedIds = ids.slice(lastComma + 1);
        const movedWeights = weights.slice(lastComma + 1);
        ids = ids.slice(0, lastComma + 1);
        weights = weights.slice(0, lastComma + 1);
        closeChunk(false);
        ids = movedIds;
        weights = movedWeights;
      }
      if (ids.length === chunkLength) closeChunk(false);
      ids.push(id);
      weights.push(span.weight);
    }
  }
  if (ids.length > 0 || chunks.length === 0) closeChunk(true);
  return { chunks, tokenCount };
}

/** Parses A1111 emphasis and chunks the prompt: the whole text side of A1111's conditioning. */
export function promptChunks(prompt: string, tokenizer: PromptTokenizer, options: ChunkOptions = {}): PromptChunks {
  return chunkSpans(parsePromptAttention(prompt, options), tokenizer, options);
}

/**
 * Appends empty chunks up to `count`, as A1111 does for prompts in one batch (and for a
 * negative prompt shorter than its positive), so that conditionings can be stacked.
 */
export function padChunks(chunks: readonly PromptChunk[], count: number, tokenizer: PromptTokenizer, chunkLength = 75): PromptChunk[] {
  const out = [...chunks];
  while (out.length < count) out.push(emptyChunk(tokenizer, chunkLength));
  return out;
}
