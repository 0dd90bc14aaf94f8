/**
 * What prompt chunking needs from a tokenizer (the engine's ClipTokenizer has this shape):
 * `encode` returns content ids only, without bos/eos, never truncated.
 */
export interface PromptTokenizer {
  encode(text: string): number[];
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
}
