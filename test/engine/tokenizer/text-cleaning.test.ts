import { describe, expect, it } from 'vitest';
import { basicCleanPrompt, cleanPrompt, fixText } from '../../../src-main/engine/tokenizer';

describe('fixText (ftfy.fix_text defaults)', () => {
  it('decodes HTML references, named, numeric and capitalised', () => {
    expect(fixText('Tom &amp; Jerry &lt;3 &eacute;t&#233; &#x41; &EACUTE;')).toBe('Tom & Jerry <3 été A É');
    expect(fixText('it&rsquo;s &hellip;')).toBe("it's …");
  });

  it('decodes references that were escaped twice', () => {
    expect(fixText('fish &amp;amp; chips')).toBe('fish & chips');
  });

  it('leaves entities alone from the first line that looks like HTML', () => {
    expect(fixText('a <b>bold</b> &amp; tag')).toBe('a <b>bold</b> &amp; tag');
    expect(fixText('x &amp; y\n<i>z</i>\n&amp;')).toBe('x & y\n<i>z</i>\n&amp;');
  });

  it('leaves unknown or partial references as written', () => {
    expect(fixText('&notanentity; &#12ab; & ;')).toBe('&notanentity; &#12ab; & ;');
  });

  it('undoes UTF-8 read as Latin-1 or Windows-1252, also nested and mixed with real accents', () => {
    expect(fixText('cafÃ© naÃ¯ve')).toBe('café naïve');
    expect(fixText('donâ€™t')).toBe("don't");
    expect(fixText('naïve cafÃ©')).toBe('naïve café');
    expect(fixText('cafÃƒÂ©')).toBe('café');
  });

  it('passes clean non-ASCII text through', () => {
    for (const text of ['crème brûlée', 'ελληνικά', '日本語のテキスト', 'Ørsted Å × ÷ ±', '🐱🚀 ❤️ 👍🏽']) {
      expect(fixText(text)).toBe(text);
    }
  });

  it('applies the character fixes', () => {
    expect(fixText('\ufb01ne \ufb02ow')).toBe('fine flow');
    expect(fixText('\uff26\uff55\uff4c\uff4c\u3000\uff11')).toBe('Full 1');
    expect(fixText('\u201cq\u201d \u2018s\u2019')).toBe('"q" \'s\'');
    expect(fixText('a\r\nb\rc\u2028d')).toBe('a\nb\nc\nd');
    expect(fixText('\x1b[31mred\x1b[0m\x07 \ufeffbom')).toBe('red bom');
    expect(fixText('price \x80 5')).toBe('price € 5');
    expect(fixText('lone \ud800 surrogate')).toBe('lone \ufffd surrogate');
  });

  it('normalises to NFC', () => {
    expect(fixText('cafe\u0301')).toBe('caf\u00e9');
  });
});

describe('cleanPrompt', () => {
  it('collapses whitespace the way Python \\s does, strips and lower-cases', () => {
    expect(cleanPrompt('  A\t\tB\u00a0C\u3000D\u2003E\n')).toBe('a b c d e');
    expect(cleanPrompt('zero\u200bwidth')).toBe('zero\u200bwidth');
    expect(cleanPrompt('ẞ İstanbul')).toBe('ß i\u0307stanbul');
  });
});

describe('basicCleanPrompt (transformers without ftfy)', () => {
  it('drops control and format characters, spaces out CJK ideographs, keeps quotes and entities', () => {
    expect(basicCleanPrompt('Zero\u200bWidth\u0007 \u00a0x\t\ny')).toBe('zerowidth x y');
    expect(basicCleanPrompt('\u65e5\u672c\u306e cat')).toBe('\u65e5 \u672c \u306e cat');
    expect(basicCleanPrompt('\u201cq\u201d &amp; cafe\u0301')).toBe('\u201cq\u201d &amp; caf\u00e9');
  });
});
