import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Read-only test data next to the repository (never copied into it); SHARED_DIR overrides.
const here = dirname(fileURLToPath(import.meta.url));
export const sharedDir = resolve(process.env.SHARED_DIR ?? join(here, '../../../../shared'));

/** SD 1.5's real tokenizer folder (vocab.json, merges.txt, configs) and OpenAI's .gz beside it. */
export const clipTokenizerDir = join(sharedDir, 'clip-tokenizer');
export const openAiBpePath = join(clipTokenizerDir, 'bpe_simple_vocab_16e6.txt.gz');

/** The tiny golden model's 1000-token tokenizer, with its own bos/eos ids. */
export const tinyTokenizerDir = join(sharedDir, 'golden/models/diffusers/tokenizer');
