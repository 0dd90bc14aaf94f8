/**
 * GPT-2/CLIP's reversible map between bytes and printable characters, so BPE can work on
 * strings without whitespace or control characters. Printable Latin-1 bytes map to
 * themselves; the other 68 bytes map, in byte order, to U+0100 onwards.
 *
 * The order of `BYTE_CHARS` matters: CLIP's vocabulary starts with these characters in
 * exactly this order (printable bytes first, then the remapped ones).
 */

function isPrintableByte(b: number): boolean {
  return (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
}

function buildByteChars(): { byteToChar: string[]; ordered: string[] } {
  const byteToChar: string[] = new Array<string>(256);
  const ordered: string[] = [];
  for (let b = 0; b < 256; b++) {
    if (isPrintableByte(b)) {
      byteToChar[b] = String.fromCharCode(b);
      ordered.push(byteToChar[b]);
    }
  }
  let next = 256;
  for (let b = 0; b < 256; b++) {
    if (!isPrintableByte(b)) {
      byteToChar[b] = String.fromCharCode(next++);
      ordered.push(byteToChar[b]);
    }
  }
  return { byteToChar, ordered };
}

const table = buildByteChars();

/** The 256 byte characters in CLIP vocabulary order. */
export const BYTE_CHARS: readonly string[] = table.ordered;

const charToByte = new Map<string, number>(table.byteToChar.map((c, b) => [c, b]));
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 encodes `text` and spells each byte as its printable character. */
export function bytesToUnicode(text: string): string {
  let out = '';
  for (const b of utf8.encode(text)) out += table.byteToChar[b];
  return out;
}

/** Inverse of `bytesToUnicode`; invalid UTF-8 decodes to U+FFFD as CLIP's errors='replace'. */
export function unicodeToText(chars: string): string {
  const bytes: number[] = [];
  for (const c of chars) {
    const b = charToByte.get(c);
    if (b === undefined) throw new Error(`'${c}' (U+${c.codePointAt(0)!.toString(16)}) is not a byte character of the CLIP alphabet`);
    bytes.push(b);
  }
  return utf8Decoder.decode(Uint8Array.from(bytes));
}
