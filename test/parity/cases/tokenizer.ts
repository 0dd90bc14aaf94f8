import { join } from 'node:path';
import { expect } from 'vitest';
import { ClipTokenizer, readTokenizerFiles } from '../../../src-main/engine/tokenizer';
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
}

function field<T>(c: GoldenCase, key: string): T {
  const value = c.manifest[key];
  if (value === undefined) throw new Error(`golden case ${c.name}: its manifest has no '${key}'`);
  return value as T;
}

/** The tokenizer named by the manifest's `vocab` entry (paths relative to the case folder). */
function tokenizerOf(c: GoldenCase): ClipTokenizer {
  const vocab = field<{ vocab_json?: string; merges_txt?: string }>(c, 'vocab');
  if (!vocab.vocab_json || !vocab.merges_txt) throw new Error(`golden case ${c.name}: 'vocab' needs vocab_json and merges_txt`);
  return new ClipTokenizer(readTokenizerFiles(join(c.dir, vocab.vocab_json), join(c.dir, vocab.merges_txt)));
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
  let tokenizer: ClipTokenizer | undefined;
  return prompts.map((p, i): SubCase => ({
    name: subCaseName(i, p.prompt),
    run: () => checkPrompt((tokenizer ??= tokenizerOf(c)), p),
  }));
};
