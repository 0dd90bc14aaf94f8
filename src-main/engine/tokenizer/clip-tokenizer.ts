import { BytePairEncoder, END_OF_WORD } from './bpe';
import { bytesToUnicode, unicodeToText } from './byte-unicode';
import { clipWordPattern, escapeRegExp, splitWords } from './pretokenize';
import { readOpenAiBpe } from './read-openai-bpe';
import { readTokenizerFolder } from './read-tokenizer-folder';
import { basicCleanPrompt } from './text-cleaning/basic-clean';
import { cleanPrompt } from './text-cleaning/clean-prompt';
import type { ClipVocabulary } from './vocabulary';
import { badInput } from '../errors';

/**
 * How prompt text is cleaned before splitting: 'ftfy' as transformers does with ftfy
 * installed (SD's reference behaviour), 'basic' as it does without (BasicTokenizer).
 */
export type TextCleaning = 'ftfy' | 'basic';

/**
 * CLIP's byte-level BPE tokenizer as Stable Diffusion uses it (transformers' CLIPTokenizer
 * with ftfy): special tokens written in the prompt are kept whole, the rest is cleaned,
 * split into words, spelled as byte characters and BPE-merged.
 */
export class ClipTokenizer {
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
  readonly unkId: number;
  /** Ids per text-encoder input, bos and eos included (77 for SD). */
  readonly maxLength: number;
  /** Content ids that fit between bos and eos (75 for SD). */
  readonly contentLength: number;

  private readonly tokenToId: ReadonlyMap<string, number>;
  private readonly idToToken = new Map<number, string>();
  private readonly bpe: BytePairEncoder;
  private readonly wordPattern: RegExp;
  private readonly specialTokenPattern: RegExp;
  private readonly specialIds: ReadonlySet<number>;
  private readonly clean: (text: string) => string;

  static fromFolder(dir: string, options?: { textCleaning?: TextCleaning }): ClipTokenizer {
    return new ClipTokenizer(readTokenizerFolder(dir), options);
  }

  static fromOpenAiBpe(gzPath: string, options?: { textCleaning?: TextCleaning }): ClipTokenizer {
    return new ClipTokenizer(readOpenAiBpe(gzPath), options);
  }

  constructor(vocab: ClipVocabulary, options: { textCleaning?: TextCleaning } = {}) {
    this.clean = options.textCleaning === 'basic' ? basicCleanPrompt : cleanPrompt;
    this.tokenToId = vocab.tokenToId;
    for (const [token, id] of vocab.tokenToId) if (!this.idToToken.has(id)) this.idToToken.set(id, token);
    this.vocabSize = vocab.tokenToId.size;
    const idOf = (role: string, token: string): number => {
      const id = vocab.tokenToId.get(token);
      if (id === undefined) throw badInput(`CLIP tokenizer from ${vocab.source}: its ${role} token ${JSON.stringify(token)} is not in the vocabulary`);
      return id;
    };
    const { bos, eos, pad, unk } = vocab.specialTokens;
    this.bosId = idOf('bos', bos);
    this.eosId = idOf('eos', eos);
    this.padId = idOf('pad', pad);
    this.unkId = idOf('unk', unk);
    this.maxLength = vocab.maxLength;
    this.contentLength = vocab.maxLength - 2;
    this.specialIds = new Set([this.bosId, this.eosId, this.padId, this.unkId]);
    // CLIP's own pattern and BPE cache know only bos/eos; transformers also splits on pad/unk.
    this.bpe = new BytePairEncoder(vocab.merges, [bos, eos]);
    this.wordPattern = clipWordPattern([bos, eos]);
    const specials = [...new Set([bos, eos, pad, unk])].sort((a, b) => b.length - a.length);
    this.specialTokenPattern = new RegExp(specials.map(escapeRegExp).join('|'), 'g');
  }

  /** The prompt as CLIP sees it before splitting: ftfy-fixed, whitespace collapsed, lower-cased. */
  normalize(text: string): string {
    return this.clean(text);
  }

  /** BPE symbols of the prompt (byte-character spelling, `</w>` on word ends), no bos/eos. */
  bpeTokens(text: string): string[] {
    const out: string[] = [];
    let last = 0;
    for (const m of text.matchAll(this.specialTokenPattern)) {
      this.appendPlainText(text.slice(last, m.index), out);
      out.push(m[0]);
      last = m.index + m[0].length;
    }
    this.appendPlainText(text.slice(last), out);
    return out;
  }

  private appendPlainText(text: string, out: string[]): void {
    for (const word of splitWords(this.clean(text), this.wordPattern)) out.push(...this.bpe.encode(bytesToUnicode(word)));
  }

  /** Content ids of the prompt: no bos/eos, never truncated. */
  encode(text: string): number[] {
    return this.bpeTokens(text).map((t) => this.tokenToId.get(t) ?? this.unkId);
  }

  /** The text encoder's input as SD pipelines build it: bos, the first 75 content ids, eos, padding. */
  tokenize77(text: string): number[] {
    return this.frame(this.encode(text).slice(0, this.contentLength));
  }

  /**
   * The whole prompt as consecutive inputs of maxLength ids, 75 content ids each (the last one
   * padded), so a long prompt is never cut; an empty prompt gives one input.
   */
  chunks(text: string): number[][] {
    const content = this.encode(text);
    const chunks: number[][] = [];
    for (let start = 0; start < content.length; start += this.contentLength) {
      chunks.push(this.frame(content.slice(start, start + this.contentLength)));
    }
    return chunks.length > 0 ? chunks : [this.frame([])];
  }

  /** Text back from ids; special tokens are dropped unless asked for. */
  decode(ids: readonly number[], options: { keepSpecialTokens?: boolean } = {}): string {
    let symbols = '';
    for (const id of ids) {
      if (!options.keepSpecialTokens && this.specialIds.has(id)) continue;
      const token = this.idToToken.get(id);
      if (token === undefined) throw new Error(`CLIP tokenizer: id ${id} is not in the vocabulary (size ${this.vocabSize})`);
      symbols += token;
    }
    return unicodeToText(symbols).split(END_OF_WORD).join(' ').trim();
  }

  private frame(content: readonly number[]): number[] {
    const ids = [this.bosId, ...content, this.eosId];
    while (ids.length < this.maxLength) ids.push(this.padId);
    return ids;
  }
}
