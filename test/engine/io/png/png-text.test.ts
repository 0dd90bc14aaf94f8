import { describe, expect, it } from 'vitest';
import { encodePng, readPngMetadata } from '../../../../src-main/engine/io/png';
import { decodeReferencePng } from './reference-png-decoder';

const pixel = { width: 1, height: 1, channels: 3 as const, data: Uint8Array.of(1, 2, 3) };

describe('PNG text chunks', () => {
  it('stores Latin-1 text as tEXt, other text as UTF-8 iTXt, compressed text as zTXt, and reads all back', () => {
    const text = [
      { keyword: 'parameters', text: 'a café\nSteps: 20' },
      { keyword: 'Title', text: '猫と犬 — 🐱' },
      { keyword: 'Description', text: 'long '.repeat(200), compressed: true },
      { keyword: 'Author', text: 'Zoë', language: 'en', translatedKeyword: 'Autor' },
      { keyword: 'Note', text: 'ünïcode ✓', compressed: true },
    ];
    const png = encodePng(pixel, { text });
    expect(decodeReferencePng(png).chunkTypes).toEqual(['IHDR', 'tEXt', 'iTXt', 'zTXt', 'iTXt', 'iTXt', 'IDAT', 'IEND']);
    expect(readPngMetadata(png).text).toEqual(text);
  });

  it('keeps bytes 0x80-0x9f as Latin-1, not windows-1252', () => {
    const png = encodePng(pixel, { text: [{ keyword: 'k', text: '\x80\x9f\xff' }] });
    expect(readPngMetadata(png).text[0].text).toBe('\x80\x9f\xff');
  });

  it('rejects keywords PNG does not allow', () => {
    for (const keyword of ['', ' lead', 'trail ', 'two  spaces', 'x'.repeat(80), 'ключ']) {
      expect(() => encodePng(pixel, { text: [{ keyword, text: 't' }] })).toThrow(/keyword/);
    }
  });
});
