import { gunzipSync } from 'node:zlib';
import { BYTE_CHARS } from './byte-unicode';
import { END_OF_WORD } from './bpe';
import { parseMerges } from './parse-merges';
import { corrupt, readTokenizerFile } from './read-file';
import { CLIP_MAX_LENGTH, CLIP_SPECIAL_TOKENS, type ClipVocabulary } from './vocabulary';

/**
 * Reads OpenAI CLIP's `bpe_simple_vocab_16e6.txt.gz` (merge rules only) and builds the
 * vocabulary the way CLIP does: the 256 byte characters, the same with `</w>`, one token per
 * merge (the pair joined), then `<|startoftext|>` and `<|endoftext|>`.
 */
export function readOpenAiBpe(path: string): ClipVocabulary {
  let text: string;
  try {
    text = gunzipSync(readTokenizerFile(path)).toString('utf8');
  } catch (e) {
    if ((e as Error).message.startsWith('CLIP tokenizer:')) throw e;
    throw corrupt(path, `not a gzip file (${(e as Error).message})`);
  }
  const merges = parseMerges(text, path);
  const tokens = [
    ...BYTE_CHARS,
    ...BYTE_CHARS.map((c) => c + END_OF_WORD),
    ...merges.map(([a, b]) => a + b),
    CLIP_SPECIAL_TOKENS.bos,
    CLIP_SPECIAL_TOKENS.eos,
  ];
  return {
    tokenToId: new Map(tokens.map((t, id) => [t, id])),
    merges,
    specialTokens: CLIP_SPECIAL_TOKENS,
    maxLength: CLIP_MAX_LENGTH,
    source: path,
  };
}
