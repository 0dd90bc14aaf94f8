import { beforeAll, describe, expect, it } from 'vitest';
import { ClipTokenizer, readOpenAiBpe, readTokenizerFolder, type ClipVocabulary } from '../../../src-main/engine/tokenizer';
import { clipTokenizerDir, openAiBpePath } from './shared-data';

let folder: ClipVocabulary;
let gz: ClipVocabulary;
let fromFolder: ClipTokenizer;
let fromGz: ClipTokenizer;

beforeAll(() => {
  folder = readTokenizerFolder(clipTokenizerDir);
  gz = readOpenAiBpe(openAiBpePath);
  fromFolder = new ClipTokenizer(folder);
  fromGz = new ClipTokenizer(gz);
});

describe('the two vocabulary sources', () => {
  it('build the same vocabulary and merges', () => {
    expect(gz.tokenToId.size).toBe(folder.tokenToId.size);
    const differing = [...folder.tokenToId].filter(([token, id]) => gz.tokenToId.get(token) !== id);
    expect(differing).toEqual([]);
    expect(gz.merges).toEqual(folder.merges);
  });

  it('give identical ids and special ids', () => {
    const text = 'A majestic castle, 8k, (masterpiece:1.2), caf\u00e9 \ud83d\udc31, \u65e5\u672c';
    expect(fromGz.encode(text)).toEqual(fromFolder.encode(text));
    for (const t of [fromFolder, fromGz]) {
      expect([t.vocabSize, t.bosId, t.eosId, t.padId, t.maxLength]).toEqual([49408, 49406, 49407, 49407, 77]);
    }
  });
});

describe('SD input conventions', () => {
  it('frames content as bos + ids + eos, padded to 77', () => {
    const ids = fromFolder.tokenize77('a photo of a cat');
    expect(ids).toHaveLength(77);
    expect(ids.slice(0, 7)).toEqual([49406, 320, 1125, 539, 320, 2368, 49407]);
    expect(ids.slice(7).every((id) => id === fromFolder.padId)).toBe(true);
  });

  it('cuts tokenize77 to 75 content ids but keeps every id in chunks', () => {
    const prompt = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const content = fromFolder.encode(prompt);
    expect(content.length).toBeGreaterThan(150);
    expect(fromFolder.tokenize77(prompt).slice(1, 76)).toEqual(content.slice(0, 75));
    expect(fromFolder.tokenize77(prompt)[76]).toBe(fromFolder.eosId);

    const chunks = fromFolder.chunks(prompt);
    expect(chunks).toHaveLength(Math.ceil(content.length / 75));
    for (const chunk of chunks) {
      expect(chunk).toHaveLength(77);
      expect(chunk[0]).toBe(fromFolder.bosId);
    }
    expect(chunks.slice(0, -1).every((c) => c[76] === fromFolder.eosId)).toBe(true);
    const rejoined = chunks.flatMap((c) => c.slice(1, 1 + 75)).slice(0, content.length);
    expect(rejoined).toEqual(content);
    const last = chunks[chunks.length - 1];
    const lastCount = content.length - 75 * (chunks.length - 1);
    expect(last[1 + lastCount]).toBe(fromFolder.eosId);
    expect(last.slice(2 + lastCount).every((id) => id === fromFolder.padId)).toBe(true);
  });

  it('gives one chunk for an empty prompt and for exactly 75 tokens', () => {
    expect(fromFolder.chunks('')).toEqual([fromFolder.tokenize77('')]);
    const exact = Array(75).fill('a').join(' ');
    expect(fromFolder.chunks(exact)).toEqual([fromFolder.tokenize77(exact)]);
    expect(fromFolder.chunks(`${exact} a`)).toHaveLength(2);
  });
});

describe('special tokens written in the prompt', () => {
  it('map to their ids, split off before cleaning as transformers does', () => {
    expect(fromFolder.encode('a <|endoftext|> b')).toEqual([320, 49407, 321]);
    expect(fromFolder.encode('<|startoftext|>cat')).toEqual([49406, 2368]);
    expect(fromFolder.bpeTokens('wow!<|endoftext|>')).toEqual(['wow</w>', '!</w>', '<|endoftext|>']);
  });

  it('are recognised after lower-casing and HTML unescaping too', () => {
    expect(fromFolder.encode('<|ENDOFTEXT|>')).toEqual([49407]);
    expect(fromFolder.encode('&lt;|endoftext|&gt;')).toEqual([49407]);
  });
});

describe('odd input', () => {
  it('never throws on unicode, emoji, controls or odd whitespace', () => {
    const odd = [
      '\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family', 'lone \ud800 \udc00 surrogates', '\u0000\u0001\u007f\u0085',
      '\u2028\u2029\u00a0\u1680\u3000', '\ufe0f\u0301 marks', '\u{1d400}\u{1d401} math', '\t\n\r ', 'Ω≈ç√∫',
    ];
    for (const text of odd) {
      const ids = fromFolder.encode(text);
      expect(ids.every((id) => Number.isInteger(id) && id >= 0 && id < fromFolder.vocabSize)).toBe(true);
      expect(fromFolder.tokenize77(text)).toHaveLength(77);
      expect(typeof fromFolder.decode(ids)).toBe('string');
    }
  });
});

describe('decode', () => {
  it('returns the cleaned words, dropping special tokens unless asked', () => {
    const ids = fromFolder.tokenize77('A Caf\u00e9 with a \ud83d\udc31, please');
    expect(fromFolder.decode(ids)).toBe('a caf\u00e9 with a \ud83d\udc31, please');
    expect(fromFolder.decode(ids.slice(0, 3), { keepSpecialTokens: true })).toBe('<|startoftext|>a caf\u00e9');
  });

  it('rejects an id outside the vocabulary', () => {
    expect(() => fromFolder.decode([49408])).toThrow(/id 49408 is not in the vocabulary/);
  });
});
