/** Everything a CLIP tokenizer is built from, whichever files it came from. */
export interface ClipVocabulary {
  /** BPE symbol -> id. */
  tokenToId: ReadonlyMap<string, number>;
  /** Merge rules, highest priority first. */
  merges: ReadonlyArray<readonly [string, string]>;
  specialTokens: SpecialTokens;
  /** Sequence length the text encoder takes, bos and eos included (77 for SD). */
  maxLength: number;
  /** Where it was read from, for error messages. */
  source: string;
}

/** Contents (not ids) of the special tokens; ids come from the vocabulary. */
export interface SpecialTokens {
  bos: string;
  eos: string;
  pad: string;
  unk: string;
}

/** CLIPTokenizer's defaults, used where a folder has no config saying otherwise. */
export const CLIP_SPECIAL_TOKENS: SpecialTokens = {
  bos: '<|startoftext|>',
  eos: '<|endoftext|>',
  pad: '<|endoftext|>',
  unk: '<|endoftext|>',
};

export const CLIP_MAX_LENGTH = 77;

/** CLIP keeps the first 49152 - 256 - 2 merges (its vocabulary size minus bytes and specials). */
export const CLIP_MERGE_LIMIT = 49152 - 256 - 2;
