import { HTML_ENTITIES } from './html-entities';
import { decode1252Byte } from './windows-1252';

/**
 * ftfy's HTML unescaping: whole references only (`&name;`, `&#65;`, `&#x41;`), a lowercase
 * entity name also accepted in capitals (`&EACUTE;` -> `É`), numeric references decoded as
 * Python's html.unescape does. Anything else is left as written.
 */

const REFERENCE = /&#?[0-9A-Za-z]{1,24};/g;

const byName = new Map<string, string>();
for (const [name, code] of Object.entries(HTML_ENTITIES)) byName.set(name, String.fromCodePoint(code));
for (const [name, char] of [...byName]) {
  const upper = name.toUpperCase();
  if (name === name.toLowerCase() && !byName.has(upper)) byName.set(upper, char.toUpperCase());
}

/** html.unescape's rules for a numeric reference's code point. */
function numericCharacter(code: number): string {
  if (code === 0) return '\ufffd';
  if (code === 0x0d) return '\r';
  if (code >= 0x80 && code <= 0x9f) return decode1252Byte(code);
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return '\ufffd';
  const dropped =
    (code >= 0x01 && code <= 0x08) || code === 0x0b || (code >= 0x0e && code <= 0x1f) || code === 0x7f ||
    (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe;
  return dropped ? '' : String.fromCodePoint(code);
}

function decodeReference(reference: string): string {
  const body = reference.slice(1, -1);
  const named = byName.get(body);
  if (named !== undefined) return named;
  const decimal = /^#(\d+)$/.exec(body);
  if (decimal) return numericCharacter(Number(decimal[1]));
  const hex = /^#[xX]([0-9a-fA-F]+)$/.exec(body);
  if (hex) return numericCharacter(parseInt(hex[1], 16));
  return reference;
}

export function unescapeHtml(text: string): string {
  return text.includes('&') ? text.replace(REFERENCE, decodeReference) : text;
}
