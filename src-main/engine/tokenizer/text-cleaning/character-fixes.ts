import { decode1252Byte } from './windows-1252';

/** ftfy's one-character-at-a-time fixes, each as ftfy.fixes defines it. */

const LIGATURES: Readonly<Record<string, string>> = {
  '\u0132': 'IJ', '\u0133': 'ij', '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl',
  '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': '\u017ft', '\ufb06': 'st',
};

/** Latin ligatures (usually a copy/paste artefact) back to their letters. */
export function fixLatinLigatures(text: string): string {
  return text.replace(/[\u0132\u0133\ufb00-\ufb06]/g, (c) => LIGATURES[c]);
}

/** Fullwidth/halfwidth forms to their normal-width equivalents; ideographic space to space. */
export function fixCharacterWidth(text: string): string {
  return text.replace(/[\u3000\uff01-\uffef]/g, (c) => (c === '\u3000' ? ' ' : c.normalize('NFKC')));
}

/** Curly (and modifier-letter) quotes to ASCII quotes. */
export function uncurlQuotes(text: string): string {
  return text.replace(/[\u02bc\u2018-\u201b]/g, "'").replace(/[\u201c-\u201f]/g, '"');
}

/** Every kind of line break to `\n`. */
export function fixLineBreaks(text: string): string {
  return text.replace(/\r\n|[\r\u2028\u2029\u0085]/g, '\n');
}

/** Unpaired UTF-16 surrogates to U+FFFD. */
export function fixSurrogates(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** ANSI terminal escapes such as colour codes (`ESC[31m`). */
export function removeTerminalEscapes(text: string): string {
  return text.replace(/\x1b\[(?:\d|;)*[a-zA-Z]/g, '');
}

/**
 * Control characters nobody means to type: C0 controls except tab/LF/FF/CR, DEL, deprecated
 * Arabic format controls, interlinear annotation marks, the object replacement character and
 * the byte-order mark. Zero-width and bidi controls and variation selectors are kept.
 */
export function removeControlChars(text: string): string {
  return text.replace(/[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc]/g, '');
}

/** C1 controls are almost always Windows-1252 read as Latin-1: read them as Windows-1252. */
export function fixC1Controls(text: string): string {
  return text.replace(/[\x80-\x9f]/g, (c) => decode1252Byte(c.charCodeAt(0)));
}
