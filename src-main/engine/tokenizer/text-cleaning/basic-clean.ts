import { PY_WHITESPACE } from '../python-whitespace';

/**
 * What transformers' CLIPTokenizer does when ftfy is not installed: its BasicTokenizer with
 * strip_accents=False and no punctuation splitting, words rejoined with single spaces.
 * Drops NUL, U+FFFD and control/format characters (`\p{C}`), turns tab/CR/LF and space
 * separators into spaces, puts spaces around CJK ideographs, NFC, then lower-cases.
 */

const CONTROL = /^\p{C}$/u;
const SPACE_SEPARATOR = /^\p{Zs}$/u;
const PY_WHITESPACE_RUN = new RegExp(`[${PY_WHITESPACE}]+`);

// BERT's "Chinese character" blocks: CJK Unified Ideographs, extensions A-E, compatibility.
function isCjkIdeograph(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) || (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}

export function basicCleanPrompt(text: string): string {
  let cleaned = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\t' || ch === '\n' || ch === '\r' || SPACE_SEPARATOR.test(ch)) cleaned += ' ';
    else if (cp === 0 || cp === 0xfffd || CONTROL.test(ch)) continue;
    else cleaned += isCjkIdeograph(cp) ? ` ${ch} ` : ch;
  }
  const words = cleaned.normalize('NFC').split(PY_WHITESPACE_RUN).filter((w) => w !== '');
  return words.map((w) => w.toLowerCase()).join(' ');
}
