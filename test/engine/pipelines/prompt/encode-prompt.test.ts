import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClipTextModel } from '../../../../src-main/engine/models/clip';
import { encodeChunks, padChunks, promptChunks } from '../../../../src-main/engine/pipelines/prompt';
import { loadTinyClip } from '../../models/clip/tiny-clip';
import { NUMBERED_VOCAB, numberedWords, wordTokenizer } from './word-tokenizer';

// The golden tiny CLIP's special ids (vocab 1000).
const tokenizer = wordTokenizer(NUMBERED_VOCAB, { bosId: 998, eosId: 999, padId: 999 });

describe('encodeChunks with the tiny CLIP text encoder', () => {
  let clip: ClipTextModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    clip = loadTinyClip();
  });

  it('equals the plain encoder output when nothing is emphasised, one 77-token block per chunk', () => {
    const { chunks } = promptChunks(`a cat, ${numberedWords(1, 80)}`, tokenizer);
    expect(chunks).toHaveLength(2);
    const got = encodeChunks(chunks, (ids) => clip.encode(ids));
    expect(got.shape).toEqual([1, 154, 32]);
    const ids = tf.tensor2d(chunks.flatMap((c) => c.ids), [2, 77], 'int32');
    const plain = clip.encode(ids); // (2, 77, 32)
    const diff = tf.max(tf.abs(got.reshape([2, 77, 32]).sub(plain))).dataSync()[0]; // (1, 154, 32) -> (2, 77, 32)
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([got, ids, plain]);
  });

  it('scales emphasised tokens and keeps the chunk mean (with clip skip)', () => {
    const { chunks } = promptChunks('a (cat:1.5), [dog]', tokenizer);
    const ids = tf.tensor2d(chunks[0].ids, [1, 77], 'int32');
    const z = clip.encode(ids, 1).arraySync()[0]; // (77, 32)
    const got = encodeChunks(chunks, (x) => clip.encode(x, 1)).arraySync()[0];
    const mean = (rows: number[][]) => rows.flat().reduce((s, v) => s + v, 0) / (rows.length * rows[0].length);
    const weighted = z.map((row, t) => row.map((v) => v * chunks[0].weights[t]));
    const ratio = mean(z) / mean(weighted);
    expect(mean(got)).toBeCloseTo(mean(z), 5);
    got.forEach((row, t) => row.forEach((v, d) => expect(v).toBeCloseTo(weighted[t][d] * ratio, 4)));
    expect(chunks[0].weights.slice(0, 6)).toEqual([1, 1, 1.5, 1, 1 / 1.1, 1]);
    ids.dispose();
  });

  it('conditions a positive and a shorter negative prompt to the same length', () => {
    const positive = promptChunks(numberedWords(1, 90), tokenizer).chunks;
    const negative = padChunks(promptChunks('dog', tokenizer).chunks, positive.length, tokenizer);
    const [pos, neg] = [encodeChunks(positive, (x) => clip.encode(x)), encodeChunks(negative, (x) => clip.encode(x))];
    expect(neg.shape).toEqual(pos.shape);
    tf.dispose([pos, neg]);
  });

  it('leaves no tensors behind over repeated encodes', () => {
    const { chunks } = promptChunks('a (cat:1.3) BREAK dog', tokenizer);
    tf.dispose(encodeChunks(chunks, (x) => clip.encode(x)));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(encodeChunks(chunks, (x) => clip.encode(x, 1)));
    expect(tf.memory().numTensors).toBe(before);
  });
});
