/**
 * Byte-pair encoding of one pre-tokenized word, CLIP style: the last symbol carries the
 * `</w>` end-of-word marker, and the lowest-ranked adjacent pair is merged until no pair is
 * in the merge table. Results are cached per word since prompts repeat words a lot.
 */

export const END_OF_WORD = '</w>';

const PAIR_SEPARATOR = ' ';

export class BytePairEncoder {
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();

  /**
   * @param merges merge rules in priority order (index = rank)
   * @param unsplittable words returned whole (the special tokens, as CLIP seeds its cache)
   */
  constructor(merges: ReadonlyArray<readonly [string, string]>, unsplittable: readonly string[] = []) {
    merges.forEach(([a, b], rank) => {
      const key = a + PAIR_SEPARATOR + b;
      this.ranks.set(key, rank); // a repeated rule keeps its last rank, as a Python dict does
    });
    for (const word of unsplittable) this.cache.set(word, [word]);
  }

  get mergeCount(): number {
    return this.ranks.size;
  }

  /** The BPE symbols of `word` (already spelled in byte characters). */
  encode(word: string): string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const symbols = this.merge(word);
    this.cache.set(word, symbols);
    return symbols;
  }

  private merge(word: string): string[] {
    const chars = Array.from(word);
    if (chars.length === 0) return [];
    let symbols = [...chars.slice(0, -1), chars[chars.length - 1] + END_OF_WORD];
    while (symbols.length > 1) {
      const best = this.lowestRankedPair(symbols);
      if (best === undefined) break;
      symbols = this.applyMerge(symbols, best[0], best[1]);
    }
    return symbols;
  }

  private lowestRankedPair(symbols: readonly string[]): [string, string] | undefined {
    let bestRank = Infinity;
    let best: [string, string] | undefined;
    for (let i = 0; i + 1 < symbols.length; i++) {
      const rank = this.ranks.get(symbols[i] + PAIR_SEPARATOR + symbols[i + 1]);
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = [symbols[i], symbols[i + 1]];
      }
    }
    return best;
  }

  /** Merges every left-to-right, non-overlapping occurrence of (first, second). */
  private applyMerge(symbols: readonly string[], first: string, second: string): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < symbols.length) {
      if (symbols[i] === first && i + 1 < symbols.length && symbols[i + 1] === second) {
        out.push(first + second);
        i += 2;
      } else {
        out.push(symbols[i]);
        i += 1;
      }
    }
    return out;
  }
}
