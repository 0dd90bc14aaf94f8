import { deflateSync, inflateSync } from 'node:zlib';
import type { PngChunk } from './chunks';

/** One textual metadata entry (tEXt, zTXt or iTXt). */
export interface PngTextEntry {
  keyword: string;
  text: string;
  /** iTXt only: RFC 3066 language tag, e.g. 'en'. */
  language?: string;
  /** iTXt only: the keyword translated into `language`. */
  translatedKeyword?: string;
  /** Store the text deflated (zTXt / compressed iTXt). */
  compressed?: boolean;
}

const TEXT_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);

export function isTextChunk(chunk: PngChunk): boolean {
  return TEXT_TYPES.has(chunk.type);
}

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

// TextDecoder('latin1') is really windows-1252 (it remaps 0x80-0x9f), so convert by hand.
function latin1Bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

function latin1String(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** PNG keywords: 1-79 printable Latin-1 characters, no leading, trailing or doubled spaces. */
function checkKeyword(keyword: string): void {
  const printable = /^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword);
  if (!printable || keyword.startsWith(' ') || keyword.endsWith(' ') || keyword.includes('  ')) {
    throw new Error(`invalid PNG text keyword ${JSON.stringify(keyword)}`);
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const NUL = Uint8Array.of(0);

/**
 * The chunk for one entry. Like Pillow (which A1111 saves through), Latin-1 text goes in tEXt and
 * anything else in UTF-8 iTXt, so every reader of A1111 files reads ours.
 */
export function encodeTextChunk(entry: PngTextEntry): PngChunk {
  checkKeyword(entry.keyword);
  const keyword = latin1Bytes(entry.keyword);
  const international = entry.language !== undefined || entry.translatedKeyword !== undefined || !isLatin1(entry.text);
  if (!international) {
    const text = latin1Bytes(entry.text);
    return entry.compressed
      ? { type: 'zTXt', data: concat(keyword, NUL, Uint8Array.of(0), deflateSync(text)) }
      : { type: 'tEXt', data: concat(keyword, NUL, text) };
  }
  const utf8 = new TextEncoder().encode(entry.text);
  const body = entry.compressed ? deflateSync(utf8) : utf8;
  const language = latin1Bytes(entry.language ?? '');
  const translated = new TextEncoder().encode(entry.translatedKeyword ?? '');
  const flags = Uint8Array.of(entry.compressed ? 1 : 0, 0);
  return { type: 'iTXt', data: concat(keyword, NUL, flags, language, NUL, translated, NUL, body) };
}

/** Reads a tEXt, zTXt or iTXt chunk back into an entry. */
export function decodeTextChunk(chunk: PngChunk): PngTextEntry {
  const { type, data } = chunk;
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1) throw new Error(`PNG ${type} chunk has no keyword`);
  const keyword = latin1String(data.subarray(0, keywordEnd));
  const rest = data.subarray(keywordEnd + 1);
  if (type === 'tEXt') return { keyword, text: latin1String(rest) };
  if (type === 'zTXt') return { keyword, text: latin1String(inflateSync(rest.subarray(1))), compressed: true };
  if (type !== 'iTXt') throw new Error(`PNG chunk '${type}' is not a text chunk`);
  const compressed = rest[0] === 1;
  const languageEnd = rest.indexOf(0, 2);
  const translatedEnd = rest.indexOf(0, languageEnd + 1);
  if (languageEnd < 0 || translatedEnd < 0) throw new Error('PNG iTXt chunk is truncated');
  const body = rest.subarray(translatedEnd + 1);
  const decoder = new TextDecoder('utf-8');
  const entry: PngTextEntry = { keyword, text: decoder.decode(compressed ? inflateSync(body) : body) };
  const language = latin1String(rest.subarray(2, languageEnd));
  const translatedKeyword = decoder.decode(rest.subarray(languageEnd + 1, translatedEnd));
  if (language) entry.language = language;
  if (translatedKeyword) entry.translatedKeyword = translatedKeyword;
  if (compressed) entry.compressed = true;
  return entry;
}
