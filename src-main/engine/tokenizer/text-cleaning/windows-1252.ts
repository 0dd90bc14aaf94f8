/**
 * "Sloppy" Windows-1252, as ftfy uses it: Windows-1252 where the five bytes the standard
 * leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 control with the same
 * number, so every byte has a character and the mapping is reversible.
 */

// Characters of bytes 0x80..0x9F; the rest of the byte range is Latin-1.
const HIGH_CONTROLS_AS_1252 =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

const byteOfChar = new Map<string, number>();
for (let b = 0; b < 256; b++) {
  const c = b >= 0x80 && b < 0xa0 ? HIGH_CONTROLS_AS_1252[b - 0x80] : String.fromCharCode(b);
  byteOfChar.set(c, b);
}

/** The character byte `b` stands for in sloppy Windows-1252. */
export function decode1252Byte(b: number): string {
  return b >= 0x80 && b < 0xa0 ? HIGH_CONTROLS_AS_1252[b - 0x80] : String.fromCharCode(b);
}

/** `text` as sloppy Windows-1252 bytes, or undefined when a character has no byte. */
export function encodeSloppy1252(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = byteOfChar.get(text[i]);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

/** `text` as Latin-1 bytes, or undefined when a character is above U+00FF. */
export function encodeLatin1(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return undefined;
    out[i] = code;
  }
  return out;
}

/** Every character that a UTF-8 continuation byte (0x80..0xBF) becomes in Latin-1 or sloppy 1252. */
export const CONTINUATION_CHARS = '\\x80-\\xbf' + HIGH_CONTROLS_AS_1252.replace(/[\x80-\x9f]/g, '');
