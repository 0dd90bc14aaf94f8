import { join } from 'node:path';
import { expect } from 'vitest';
import { ClipTokenizer, readTokenizerFiles, type ClipVocabulary } from '../../../src-main/engine/tokenizer';
import type { GoldenCase } from '../golden';
import type { CaseRunner, SubCase } from './types';

/** One prompt of the tokenizer case, as the manifest records it. */
interface PromptEntry {
  prompt: string;
  normalized: string;
  bpe_tokens: string[];
  ids_full: number[];
  input_ids: number[];
  n_content_tokens: number;
  truncated: boolean;
  /** Only where transformers without ftfy (BasicTokenizer cleaning) gives other ids. */
  ids_full_no_ftfy?: number[];
}

function field<T>(c: GoldenCase, key: string): T {
  const value = c.manifest[key];
  if (value === undefined) throw new Error(`golden case ${c.name}: its manifest has no '${key}'`);
  return value as T;
}

/** The vocabulary named by the manifest's `vocab` entry (paths relative to the case folder). */
function vocabularyOf(c: GoldenCase): ClipVocabulary {
  const vocab = field<{ vocab_json?: string; merges_txt?: string }>(c, 'vocab');
  if (!vocab.vocab_json || !vocab.merges_txt) throw new Error(`golden case ${c.name}: 'vocab' needs vocab_json and merges_txt`);
  return readTokenizerFiles(join(c.dir, vocab.vocab_json), join(c.dir, vocab.merges_txt));
}

/** A short, unique, printable sub-case name for a prompt. */
function subCaseName(index: number, prompt: string): string {
  const short = prompt.length > 40 ? `${prompt.slice(0, 40)}...` : prompt;
  return `#${String(index).padStart(2, '0')} ${JSON.stringify(short)}`;
}

function checkPrompt(tokenizer: ClipTokenizer, p: PromptEntry): void {
  const content = tokenizer.encode(p.prompt);
  expect(tokenizer.normalize(p.prompt), 'normalized').toBe(p.normalized);
  expect(tokenizer.bpeTokens(p.prompt), 'bpe_tokens').toEqual(p.bpe_tokens);
  expect([tokenizer.bosId, ...content, tokenizer.eosId], 'ids_full').toEqual(p.ids_full);
  expect(tokenizer.tokenize77(p.prompt), 'input_ids').toEqual(p.input_ids);
  expect(content.length, 'n_content_tokens').toBe(p.n_content_tokens);
  expect(content.length > tokenizer.contentLength, 'truncated').toBe(p.truncated);
}

export const tokenizerCase: CaseRunner = (c) => {
  const prompts = field<PromptEntry[]>(c, 'prompts');
  // Read once, on first use, shared by both cleaning modes.
  let vocabulary: ClipVocabulary | undefined;
  const tokenizers = new Map<'ftfy' | 'basic', ClipTokenizer>();
  const tokenizer = (textCleaning: 'ftfy' | 'basic'): ClipTokenizer => {
    vocabulary ??= vocabularyOf(c);
    if (!tokenizers.has(textCleaning)) tokenizers.set(textCleaning, new ClipTokenizer(vocabulary, { textCleaning }));
    return tokenizers.get(textCleaning)!;
  };
  return prompts.flatMap((p, i): SubCase[] => {
    const name = subCaseName(i, p.prompt);
    const subcases: SubCase[] = [{ name, run: () => checkPrompt(tokenizer('ftfy'), p) }];
    const noFtfy = p.ids_full_no_ftfy;
    if (noFtfy) {
      subcases.push({
        name: `${name} without ftfy`,
        run: () => {
          const t = tokenizer('basic');
          expect([t.bosId, ...t.encode(p.prompt), t.eosId], 'ids_full_no_ftfy').toEqual(noFtfy);
        },
      });
    }
    return subcases;
  });
};
