import {
  fixC1Controls, fixCharacterWidth, fixLatinLigatures, fixLineBreaks, fixSurrogates,
  removeControlChars, removeTerminalEscapes, uncurlQuotes,
} from './character-fixes';
import { fixMojibake } from './fix-mojibake';
import { unescapeHtml } from './unescape-html';

/**
 * ftfy.fix_text with its default settings (the cleaning transformers' CLIPTokenizer applies
 * when ftfy is installed): line by line, HTML entities decoded unless the text looks like
 * HTML (from the first line containing `<` on), mojibake undone, then the character fixes
 * and NFC, repeated until nothing changes.
 */

const CHARACTER_FIXES: ReadonlyArray<(text: string) => string> = [
  fixC1Controls, fixLatinLigatures, fixCharacterWidth, uncurlQuotes,
  fixLineBreaks, fixSurrogates, removeTerminalEscapes, removeControlChars,
];

function fixLine(line: string, decodeEntities: boolean): string {
  for (;;) {
    const before = line;
    if (decodeEntities) line = unescapeHtml(line);
    line = fixMojibake(line);
    for (const fix of CHARACTER_FIXES) line = fix(line);
    line = line.normalize('NFC');
    if (line === before) return line;
  }
}

export function fixText(text: string): string {
  let decodeEntities = true;
  let out = '';
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if (line.includes('<')) decodeEntities = false;
    out += fixLine(line, decodeEntities);
  }
  return out;
}
