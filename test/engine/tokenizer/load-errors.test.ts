import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ClipTokenizer, loadClipTokenizer } from '../../../src-main/engine/tokenizer';

// Small hand-made tokenizer files, broken one way at a time.
const root = mkdtempSync(join(tmpdir(), 'clip-tokenizer-errors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const GOOD_VOCAB = { a: 0, b: 1, 'a</w>': 2, 'b</w>': 3, 'ab</w>': 4, '<|startoftext|>': 5, '<|endoftext|>': 6 };
const GOOD_MERGES = '#version: 0.2\na b</w>\n';

function folder(name: string, files: Record<string, string>): string {
  const made = mkdtempSync(join(root, `${name}-`));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(made, file), text);
  return made;
}

describe('tokenizer files that cannot be used', () => {
  it('a folder with good files loads', () => {
    const t = ClipTokenizer.fromFolder(folder('good', { 'vocab.json': JSON.stringify(GOOD_VOCAB), 'merges.txt': GOOD_MERGES }));
    expect([t.bosId, t.eosId, t.padId]).toEqual([5, 6, 6]);
    expect(t.encode('ab b')).toEqual([4, 3]);
  });

  it('missing vocab.json names the file', () => {
    const dir = folder('no-vocab', { 'merges.txt': GOOD_MERGES });
    expect(() => ClipTokenizer.fromFolder(dir)).toThrow(join(dir, 'vocab.json'));
  });

  it('missing merges.txt names the file', () => {
    const dir = folder('no-merges', { 'vocab.json': JSON.stringify(GOOD_VOCAB) });
    expect(() => ClipTokenizer.fromFolder(dir)).toThrow(join(dir, 'merges.txt'));
  });

  it('vocab.json that is not JSON, or not token -> id, names the file', () => {
    const broken = folder('bad-json', { 'vocab.json': '{"a": 0,', 'merges.txt': GOOD_MERGES });
    expect(() => ClipTokenizer.fromFolder(broken)).toThrow(`${join(broken, 'vocab.json')} is not valid JSON`);
    const wrong = folder('bad-ids', { 'vocab.json': '{"a": "zero"}', 'merges.txt': GOOD_MERGES });
    expect(() => ClipTokenizer.fromFolder(wrong)).toThrow(join(wrong, 'vocab.json'));
  });

  it('a malformed merge line names the file and line', () => {
    const dir = folder('bad-merges', { 'vocab.json': JSON.stringify(GOOD_VOCAB), 'merges.txt': '#version: 0.2\na b</w>\nabc\n' });
    expect(() => ClipTokenizer.fromFolder(dir)).toThrow(`${join(dir, 'merges.txt')} is not a usable CLIP tokenizer file: line 3`);
  });

  it('a special token missing from the vocabulary names the folder and token', () => {
    const vocab = { ...GOOD_VOCAB } as Record<string, number>;
    delete vocab['<|startoftext|>'];
    const dir = folder('no-bos', { 'vocab.json': JSON.stringify(vocab), 'merges.txt': GOOD_MERGES });
    expect(() => ClipTokenizer.fromFolder(dir)).toThrow(/bos token "<\|startoftext\|>" is not in the vocabulary/);
  });

  it('special tokens come from the configs when present', () => {
    const vocab = { ...GOOD_VOCAB, '!': 7 };
    const dir = folder('pad-bang', {
      'vocab.json': JSON.stringify(vocab), 'merges.txt': GOOD_MERGES,
      'special_tokens_map.json': JSON.stringify({ pad_token: '!' }),
      'tokenizer_config.json': JSON.stringify({ model_max_length: 10, bos_token: { content: '<|startoftext|>' } }),
    });
    const t = ClipTokenizer.fromFolder(dir);
    expect(t.tokenize77('a')).toEqual([5, 2, 6, 7, 7, 7, 7, 7, 7, 7]);
  });

  it('an OpenAI .gz that is not gzip, or has no merges, names the file', () => {
    const notGzip = join(root, 'not-gzip.txt.gz');
    writeFileSync(notGzip, 'plain text');
    expect(() => ClipTokenizer.fromOpenAiBpe(notGzip)).toThrow(`${notGzip} is not a usable CLIP tokenizer file`);
    const empty = join(root, 'empty.txt.gz');
    writeFileSync(empty, gzipSync('#version: 0.2\n'));
    expect(() => ClipTokenizer.fromOpenAiBpe(empty)).toThrow(`${empty} is not a usable CLIP tokenizer file: it holds no merge rules`);
  });

  it('a path that is missing, or a folder without tokenizer files, says so', () => {
    expect(() => loadClipTokenizer(join(root, 'nowhere'))).toThrow(`${join(root, 'nowhere')} does not exist`);
    const dir = folder('empty-folder', {});
    expect(() => loadClipTokenizer(dir)).toThrow(/holds neither vocab\.json \+ merges\.txt nor bpe_simple_vocab_16e6\.txt\.gz/);
  });
});
