import type { PromptTokenizer } from '../../../../src-main/engine/pipelines/prompt';

/**
 * Test data: a real, tiny tokenizer over a fixed vocabulary. Words and commas each become one
 * id; case and surrounding spaces are ignored, like CLIP's word-level behaviour on simple text.
 */
export function wordTokenizer(words: readonly string[], special: { bosId: number; eosId: number; padId: number }): PromptTokenizer {
  const ids = new Map(words.map((w, i) => [w, i + 1]));
  return {
    ...special,
    encode(text: string): number[] {
      return (text.toLowerCase().match(/[a-z0-9]+|,/g) ?? []).map((w) => {
        const id = ids.get(w);
        if (id === undefined) throw new Error(`word '${w}' is not in the test vocabulary`);
        return id;
      });
    },
  };
}

/** w1 ... wN as a prompt, for long-prompt tests (ids: see numberedWords). */
export function numberedWords(from: number, to: number): string {
  return Array.from({ length: to - from + 1 }, (_, i) => `w${from + i}`).join(' ');
}

export const NUMBERED_VOCAB = [',', 'a', 'cat', 'dog', 'b', ...Array.from({ length: 100 }, (_, i) => `w${i + 1}`)];

/** The id of `wK` in NUMBERED_VOCAB. */
export const wordId = (k: number): number => 5 + k;
