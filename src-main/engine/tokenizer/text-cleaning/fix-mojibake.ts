import { CONTINUATION_CHARS, encodeLatin1, encodeSloppy1252 } from './windows-1252';

/**
 * ftfy's fix_encoding for the mojibake that actually happens: UTF-8 text decoded as Latin-1
 * or Windows-1252 (`cafÃ©` for `café`, `â€™` for `’`). The whole text is re-decoded when it
 * all round-trips; otherwise each mis-decoded sequence is fixed on its own. Text with no
 * sign of mojibake passes through untouched.
 *
 * ftfy weighs suspicion with a large table of character classes; here a sequence counts as
 * mojibake when its characters spell a well-formed UTF-8 sequence whose character is a
 * letter, mark, number, punctuation or symbol (not a control or unassigned code point).
 */

const CONT = `[${CONTINUATION_CHARS}]`;
// A UTF-8 lead byte and its continuation bytes, as their Latin-1/Windows-1252 characters.
const UTF8_AS_SINGLE_BYTE = new RegExp(`[\\xc2-\\xdf]${CONT}|[\\xe0-\\xef]${CONT}{2}|[\\xf0-\\xf4]${CONT}{3}`, 'g');
const PLAUSIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]+$/u;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The character a single-byte spelling of UTF-8 stands for, if it is a plausible one. */
function redecode(sequence: string): string | undefined {
  const decoded = decodeUtf8(encodeSloppy1252(sequence)) ?? decodeUtf8(encodeLatin1(sequence));
  return decoded !== undefined && PLAUSIBLE.test(decoded) ? decoded : undefined;
}

function looksLikeMojibake(text: string): boolean {
  for (const m of text.matchAll(UTF8_AS_SINGLE_BYTE)) if (redecode(m[0]) !== undefined) return true;
  return false;
}

function fixOneLayer(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text) || !looksLikeMojibake(text)) return text;
  const whole = decodeUtf8(encodeLatin1(text)) ?? decodeUtf8(encodeSloppy1252(text));
  if (whole !== undefined) return whole;
  return text.replace(UTF8_AS_SINGLE_BYTE, (sequence) => redecode(sequence) ?? sequence);
}

/** Undoes UTF-8-read-as-single-byte mojibake, however many times it was applied. */
export function fixMojibake(text: string): string {
  for (;;) {
    const fixed = fixOneLayer(text);
    if (fixed === text) return text;
    text = fixed;
  }
}
