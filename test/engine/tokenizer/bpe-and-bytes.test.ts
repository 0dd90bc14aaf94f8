import { describe, expect, it } from 'vitest';
import { BytePairEncoder } from '../../../src-main/engine/tokenizer/bpe';
import { BYTE_CHARS, bytesToUnicode, unicodeToText } from '../../../src-main/engine/tokenizer/byte-unicode';
import { clipWordPattern, splitWords } from '../../../src-main/engine/tokenizer/pretokenize';

describe('byte characters', () => {
  it('give 256 distinct printable characters, printable bytes first and as themselves', () => {
    expect(new Set(BYTE_CHARS).size).toBe(256);
    expect(BYTE_CHARS[0]).toBe('!');
    expect(BYTE_CHARS[188]).toBe('\u0100');
    expect(BYTE_CHARS.every((c) => !/\s/.test(c))).toBe(true);
  });

  it('round-trip any text through UTF-8', () => {
    const text = 'a b\u00e9\n\u65e5\ud83d\udc31\u0000';
    expect(bytesToUnicode(' ')).toBe('\u0120');
    expect(unicodeToText(bytesToUnicode(text))).toBe(text);
  });
});

describe('CLIP word splitting', () => {
  const pattern = clipWordPattern(['<|startoftext|>', '<|endoftext|>']);

  it('splits contractions, letter runs, single digits and punctuation runs', () => {
    expect(splitWords("it's 35mm, f/1.8!! \u00e9t\u00e9 <|endoftext|>", pattern)).toEqual(
      ['it', "'s", '3', '5', 'mm', ',', 'f', '/', '1', '.', '8', '!!', '\u00e9t\u00e9', '<|endoftext|>'],
    );
  });
});

describe('BytePairEncoder', () => {
  it('merges the lowest-ranked pair first and marks the word end', () => {
    const bpe = new BytePairEncoder([['l', 'o'], ['lo', 'w</w>'], ['o', 'w</w>']]);
    expect(bpe.encode('low')).toEqual(['low</w>']);
    expect(bpe.encode('ow')).toEqual(['ow</w>']);
    expect(bpe.encode('lol')).toEqual(['lo', 'l</w>']);
    expect(bpe.encode('x')).toEqual(['x</w>']);
  });

  it('merges non-overlapping occurrences left to right', () => {
    const bpe = new BytePairEncoder([['a', 'a']]);
    expect(bpe.encode('aaa')).toEqual(['aa', 'a</w>']);
  });

  it('keeps unsplittable words whole', () => {
    const bpe = new BytePairEncoder([['<', '|']], ['<|endoftext|>']);
    expect(bpe.encode('<|endoftext|>')).toEqual(['<|endoftext|>']);
  });
});
