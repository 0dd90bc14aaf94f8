import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClipTokenizer } from '../../../src-main/engine/tokenizer';
import { tinyTokenizerDir } from './shared-data';

describe('a small CLIP vocabulary with its own special ids', () => {
  const tokenizer = loadClipTokenizer(tinyTokenizerDir);
  const vocab = JSON.parse(readFileSync(join(tinyTokenizerDir, 'vocab.json'), 'utf8')) as Record<string, number>;

  it('takes size and bos/eos/pad ids from its files', () => {
    expect(tokenizer.vocabSize).toBe(Object.keys(vocab).length);
    expect(tokenizer.bosId).toBe(vocab['<|startoftext|>']);
    expect(tokenizer.eosId).toBe(vocab['<|endoftext|>']);
    expect(tokenizer.padId).toBe(vocab['<|endoftext|>']);
    expect(tokenizer.bosId).not.toBe(49406);
  });

  it('tokenizes with its own merges, every id inside the vocabulary', () => {
    const ids = tokenizer.tokenize77('there is a cluster of words, 123!!! caf\u00e9 \ud83d\udc31');
    expect(ids).toHaveLength(77);
    expect(ids[0]).toBe(tokenizer.bosId);
    expect(ids.every((id) => id >= 0 && id < tokenizer.vocabSize)).toBe(true);
    expect(tokenizer.bpeTokens('there')).toEqual(['there</w>']);
    expect(tokenizer.decode(ids)).toBe('there is a cluster of words , 1 2 3 !!! caf\u00e9 \ud83d\udc31');
  });
});
