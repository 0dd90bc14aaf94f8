import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadClipTokenizer } from '../../engine';
import { ModelRefusedError } from './errors';

export const OPENAI_BPE_NAME = 'bpe_simple_vocab_16e6.txt.gz';

export interface TokenizerFiles {
  format: 'clip_tokenizer' | 'openai_bpe';
  /** The files that make it (what is hashed and copied). */
  files: string[];
}

/** A CLIP tokenizer's files in `folder` (vocab.json + merges.txt, or OpenAI's .gz), if it holds one. */
export function tokenizerFilesIn(folder: string): TokenizerFiles | undefined {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return undefined;
  const vocab = join(folder, 'vocab.json');
  const merges = join(folder, 'merges.txt');
  if (existsSync(vocab) && existsSync(merges)) {
    const extras = ['special_tokens_map.json', 'tokenizer_config.json'].map((f) => join(folder, f)).filter((f) => existsSync(f));
    return { format: 'clip_tokenizer', files: [vocab, merges, ...extras] };
  }
  const gz = join(folder, OPENAI_BPE_NAME);
  return existsSync(gz) ? { format: 'openai_bpe', files: [gz] } : undefined;
}

/** The files of a tokenizer the user points at: a folder, or OpenAI's .gz itself. */
export function tokenizerFilesAt(path: string): TokenizerFiles {
  if (existsSync(path) && statSync(path).isFile() && basename(path).endsWith('.gz')) return { format: 'openai_bpe', files: [path] };
  const found = tokenizerFilesIn(path);
  if (!found) throw new ModelRefusedError(path, `not a CLIP tokenizer: expected a folder with vocab.json + merges.txt, or ${OPENAI_BPE_NAME}`);
  return found;
}

/**
 * A tokenizer next to a single-file checkpoint: a `tokenizer/` folder beside it, the CLIP
 * files in its own folder, or OpenAI's .gz there.
 */
export function findTokenizerBeside(checkpointFile: string): string | undefined {
  const folder = dirname(checkpointFile);
  if (tokenizerFilesIn(join(folder, 'tokenizer'))) return join(folder, 'tokenizer');
  const own = tokenizerFilesIn(folder);
  if (!own) return undefined;
  return own.format === 'openai_bpe' ? own.files[0] : folder;
}

/** Opens it with the engine's tokenizer (which validates the files) and returns its vocabulary size. */
export function tokenizerVocabSize(path: string): number {
  try {
    return loadClipTokenizer(path).vocabSize;
  } catch (error) {
    throw new ModelRefusedError(path, `the CLIP tokenizer does not load (${(error as Error).message})`);
  }
}
