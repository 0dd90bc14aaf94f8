import { describe, expect, it } from 'vitest';
import { emptyChunk, padChunks, promptChunks } from '../../../../src-main/engine/pipelines/prompt';
import { NUMBERED_VOCAB, numberedWords, wordId, wordTokenizer } from './word-tokenizer';

const BOS = 200;
const EOS = 201;
const sd1 = wordTokenizer(NUMBERED_VOCAB, { bosId: BOS, eosId: EOS, padId: EOS });
const COMMA = 1;
const [A, CAT, DOG, B] = [2, 3, 4, 5];

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => wordId(from + i));
const eos = (n: number) => Array<number>(n).fill(EOS);
const ones = (n: number) => Array<number>(n).fill(1);

describe('promptChunks (A1111 tokenize_line)', () => {
  it('frames a short prompt as bos + ids + eos padding with per-token weights', () => {
    const { chunks, tokenCount } = promptChunks('a cat, (dog:1.5) [b]', sd1);
    expect(tokenCount).toBe(5);
    expect(chunks).toHaveLength(1);
    expect(chunks[0].ids).toEqual([BOS, A, CAT, COMMA, DOG, B, ...eos(71)]);
    expect(chunks[0].weights).toEqual([1, 1, 1, 1, 1.5, 1 / 1.1, ...ones(71)]);
  });

  it('gives one empty chunk for an empty prompt', () => {
    const { chunks, tokenCount } = promptChunks('', sd1);
    expect(tokenCount).toBe(0);
    expect(chunks).toEqual([emptyChunk(sd1)]);
    expect(chunks[0].ids).toEqual([BOS, ...eos(76)]);
  });

  it('continues a long prompt in a new chunk after 75 ids', () => {
    const { chunks, tokenCount } = promptChunks(numberedWords(1, 80), sd1);
    expect(tokenCount).toBe(80);
    expect(chunks.map((c) => c.ids)).toEqual([
      [BOS, ...range(1, 75), EOS],
      [BOS, ...range(76, 80), ...eos(71)],
    ]);
  });

  it('moves the words after a nearby comma into the next chunk (comma padding backtrack)', () => {
    const prompt = `${numberedWords(1, 70)}, ${numberedWords(71, 80)}`;
    const { chunks, tokenCount } = promptChunks(prompt, sd1);
    expect(tokenCount).toBe(85);
    expect(chunks.map((c) => c.ids)).toEqual([
      [BOS, ...range(1, 70), COMMA, ...eos(5)],
      [BOS, ...range(71, 80), ...eos(66)],
    ]);
    const plain = promptChunks(prompt, sd1, { commaPaddingBacktrack: 0 }).chunks;
    expect(plain.map((c) => c.ids)).toEqual([
      [BOS, ...range(1, 70), COMMA, ...range(71, 74), EOS],
      [BOS, ...range(75, 80), ...eos(70)],
    ]);
    // A comma further back than the limit does not move anything.
    expect(promptChunks(prompt, sd1, { commaPaddingBacktrack: 4 }).chunks[0].ids).toEqual(plain[0].ids);
  });

  it('starts a new chunk at BREAK, counting the broken chunk as full', () => {
    const { chunks, tokenCount } = promptChunks('a (cat) BREAK dog', sd1);
    expect(tokenCount).toBe(76);
    expect(chunks.map((c) => c.ids)).toEqual([
      [BOS, A, CAT, ...eos(74)],
      [BOS, DOG, ...eos(75)],
    ]);
    expect(chunks[0].weights.slice(0, 4)).toEqual([1, 1, 1.1, 1]);
  });

  it('puts pad after the first eos when pad differs from eos (SD 2 tokenizers)', () => {
    const sd2 = wordTokenizer(NUMBERED_VOCAB, { bosId: BOS, eosId: EOS, padId: 0 });
    expect(promptChunks('a cat', sd2).chunks[0].ids).toEqual([BOS, A, CAT, EOS, ...Array<number>(73).fill(0)]);
  });

  it('pads a chunk list with empty chunks to a common count', () => {
    const { chunks } = promptChunks('a', sd1);
    const padded = padChunks(chunks, 3, sd1);
    expect(padded).toHaveLength(3);
    expect(padded[0]).toEqual(chunks[0]);
    expect(padded[2]).toEqual({ ids: [BOS, ...eos(76)], weights: ones(77) });
  });
});
