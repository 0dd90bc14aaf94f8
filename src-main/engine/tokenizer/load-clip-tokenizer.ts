import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ClipTokenizer } from './clip-tokenizer';
import { badInput, EngineError } from '../errors';

export const OPENAI_BPE_FILE = 'bpe_simple_vocab_16e6.txt.gz';

/**
 * Opens a CLIP tokenizer from what the user points at: a model's `tokenizer/` folder
 * (vocab.json + merges.txt), a folder holding OpenAI's bpe_simple_vocab_16e6.txt.gz, or
 * that .gz file itself.
 */
export function loadClipTokenizer(path: string): ClipTokenizer {
  if (!existsSync(path)) throw new EngineError('not-found', `CLIP tokenizer: ${path} does not exist`);
  if (!statSync(path).isDirectory()) return ClipTokenizer.fromOpenAiBpe(path);
  if (existsSync(join(path, 'vocab.json')) || existsSync(join(path, 'merges.txt'))) return ClipTokenizer.fromFolder(path);
  if (existsSync(join(path, OPENAI_BPE_FILE))) return ClipTokenizer.fromOpenAiBpe(join(path, OPENAI_BPE_FILE));
  throw badInput(`CLIP tokenizer: ${path} holds neither vocab.json + merges.txt nor ${OPENAI_BPE_FILE}`);
}
