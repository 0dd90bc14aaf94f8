import { PY_WHITESPACE } from './python-whitespace';

/**
 * CLIP's pre-tokenization: splits cleaned, lower-cased text into the words BPE works on.
 * Same alternatives, in the same order, as CLIP's pattern: the two special tokens, the
 * English contractions, runs of letters, single digits, runs of anything else that is not
 * whitespace. Matching is case-insensitive, as CLIP compiles it.
 */

/** `s` as a literal inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the splitting pattern; `specialTokens` are CLIP's `<|startoftext|>` / `<|endoftext|>`. */
export function clipWordPattern(specialTokens: readonly string[]): RegExp {
  const specials = [...specialTokens].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const alternatives = [
    ...specials,
    "'s", "'t", "'re", "'ve", "'m", "'ll", "'d",
    '\\p{L}+',
    '\\p{N}',
    `[^${PY_WHITESPACE}\\p{L}\\p{N}]+`,
  ];
  return new RegExp(alternatives.join('|'), 'giu');
}

/** The words of `text`, in order. */
export function splitWords(text: string, pattern: RegExp): string[] {
  return Array.from(text.matchAll(pattern), (m) => m[0]);
}
