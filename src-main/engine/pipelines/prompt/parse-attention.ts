import type { PromptSpan } from './prompt-span';

/**
 * A1111's emphasis syntax (modules/prompt_parser.py, parse_prompt_attention):
 *   (text)      weight x 1.1            [text]    weight / 1.1
 *   (text:1.5)  weight x 1.5            nesting multiplies: ((text)) = x 1.21
 *   \( \) \[ \] \\   literal characters
 * A bracket that is never closed still applies to everything after it; a closer with no
 * opener is literal text; adjacent runs of equal weight are merged.
 *
 * Deviations, both on inputs where A1111 misbehaves: a weight that is not a number
 * (`(a:1.2.3)`) is kept as literal text and its `)` closes normally (A1111 raises), and BREAK
 * inside brackets stays a chunk break (A1111 scales its -1 marker into a literal "BREAK" token).
 */

const ROUND = 1.1;
const SQUARE = 1 / 1.1;

// One token per match; every character matches some alternative, so nothing is skipped.
const TOKEN = /\\\(|\\\)|\\\[|\\\]|\\\\|\\|\(|\[|:\s*([+-]?[.\d]+)\s*\)|\)|\]|[^\\()[\]:]+|:/g;

// `\bBREAK\b` with Python's Unicode word characters, eating the whitespace around it.
const BREAK = /\s*(?<![\p{L}\p{N}_])BREAK(?![\p{L}\p{N}_])\s*/u;

export interface ParseAttentionOptions {
  /** Treat the word BREAK as a chunk break (A1111's default). */
  breaks?: boolean;
}

export function parsePromptAttention(prompt: string, options: ParseAttentionOptions = {}): PromptSpan[] {
  const breaks = options.breaks ?? true;
  const spans: PromptSpan[] = [];
  const roundOpen: number[] = [];
  const squareOpen: number[] = [];

  const multiplyFrom = (start: number, factor: number) => {
    for (const span of spans.slice(start)) if (span.kind === 'text') span.weight *= factor;
  };
  const pushText = (text: string) => {
    const parts = breaks ? text.split(new RegExp(BREAK, 'gu')) : [text];
    parts.forEach((part, i) => {
      if (i > 0) spans.push({ kind: 'break' });
      spans.push({ kind: 'text', text: part, weight: 1 });
    });
  };

  for (const match of prompt.matchAll(TOKEN)) {
    const token = match[0];
    const weightText = match[1];
    if (token.startsWith('\\')) spans.push({ kind: 'text', text: token.slice(1), weight: 1 });
    else if (token === '(') roundOpen.push(spans.length);
    else if (token === '[') squareOpen.push(spans.length);
    else if (weightText !== undefined && roundOpen.length > 0) {
      const weight = Number(weightText);
      if (Number.isFinite(weight)) {
        multiplyFrom(roundOpen.pop()!, weight);
      } else {
        pushText(token.slice(0, -1));
        multiplyFrom(roundOpen.pop()!, ROUND);
      }
    } else if (token === ')' && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, ROUND);
    else if (token === ']' && squareOpen.length > 0) multiplyFrom(squareOpen.pop()!, SQUARE);
    else pushText(token);
  }
  for (const start of roundOpen) multiplyFrom(start, ROUND);
  for (const start of squareOpen) multiplyFrom(start, SQUARE);

  return mergeEqualWeights(spans.length > 0 ? spans : [{ kind: 'text', text: '', weight: 1 }]);
}

/** Joins neighbouring text spans whose weights are exactly equal, as A1111 does. */
function mergeEqualWeights(spans: PromptSpan[]): PromptSpan[] {
  const out: PromptSpan[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (span.kind === 'text' && last?.kind === 'text' && last.weight === span.weight) {
      out[out.length - 1] = { ...last, text: last.text + span.text };
    } else {
      out.push(span.kind === 'text' ? { ...span } : span);
    }
  }
  return out;
}
