import { describe, expect, it } from 'vitest';
import { SeededGenerator } from '../../../../src-main/engine/random';
import { augmentCaption, bucketResolutions, captionFromBytes, chooseBucket, cleanCaption } from '../../../../src-main/engine/training/data';

describe('caption text', () => {
  it('normalises line endings, whitespace and control characters', () => {
    expect(cleanCaption('a,\tb\r\nc\rd\n\n').text).toBe('a, b, c, d');
    expect(cleanCaption('\uFEFF  x  ').text).toBe('x');
    expect(cleanCaption('').notes).toEqual(['caption is empty']);
  });

  it('reads UTF-8, falls back to Windows-1252, and cuts huge captions at a tag boundary', () => {
    expect(captionFromBytes(new TextEncoder().encode('naïve, 日本')).text).toBe('naïve, 日本');
    const latin = captionFromBytes(Uint8Array.from([0x6e, 0x61, 0xef, 0x76, 0x65]));
    expect(latin.text).toBe('naïve');
    expect(latin.notes[0]).toMatch(/not valid UTF-8/);
    const huge = cleanCaption('abc, '.repeat(100_000), 50);
    expect(huge.text).toBe('abc, abc, abc, abc, abc, abc, abc, abc, abc, abc');
    expect(huge.notes.some((n) => /longer than 50/.test(n))).toBe(true);
  });
});

describe('augmentCaption', () => {
  const caption = 'sks, a painting, of a cat, blue, red, green';

  it('keeps the first N tags and shuffles the rest reproducibly', () => {
    const a = augmentCaption(caption, { shuffleTags: true, keepTags: 2 }, new SeededGenerator(5));
    const b = augmentCaption(caption, { shuffleTags: true, keepTags: 2 }, new SeededGenerator(5));
    expect(a).toBe(b);
    const tags = a.split(', ');
    expect(tags.slice(0, 2)).toEqual(['sks', 'a painting']);
    expect([...tags].sort()).toEqual(caption.split(', ').sort());
    const orders = new Set(Array.from({ length: 20 }, (_, s) => augmentCaption(caption, { shuffleTags: true, keepTags: 2 }, new SeededGenerator(s))));
    expect(orders.size).toBeGreaterThan(5);
  });

  it('puts the trigger word first exactly once', () => {
    const rng = new SeededGenerator(1);
    expect(augmentCaption('a cat, sks', { triggerWord: 'sks' }, rng)).toBe('sks, a cat');
    expect(augmentCaption('', { triggerWord: 'sks' }, rng)).toBe('sks');
    expect(augmentCaption('x, y', { triggerWord: 'sks', shuffleTags: true }, rng).startsWith('sks, ')).toBe(true);
  });

  it('drops captions at the requested rate', () => {
    const rng = new SeededGenerator(9);
    const dropped = Array.from({ length: 4000 }, () => augmentCaption(caption, { dropoutRate: 0.2, triggerWord: 'sks' }, rng)).filter((c) => c === '');
    expect(dropped.length / 4000).toBeGreaterThan(0.17);
    expect(dropped.length / 4000).toBeLessThan(0.23);
    expect(augmentCaption(caption, { dropoutRate: 1 }, rng)).toBe('');
    expect(() => augmentCaption(caption, { dropoutRate: 1.5 }, rng)).toThrow(/dropout rate/);
  });
});

describe('aspect buckets', () => {
  it("matches kohya's bucket set for 512", () => {
    const buckets = bucketResolutions({ resolution: 512 });
    const keys = buckets.map((b) => `${b.width}x${b.height}`);
    expect(keys).toEqual(expect.arrayContaining(['512x512', '384x640', '640x384', '256x1024', '1024x256', '448x576', '576x448', '320x704']));
    for (const b of buckets) {
      expect(b.width % 64).toBe(0);
      expect(b.height % 64).toBe(0);
      expect(b.width * b.height).toBeLessThanOrEqual(512 * 512);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('chooses the bucket of nearest aspect ratio', () => {
    const buckets = bucketResolutions({ resolution: 512 });
    expect(chooseBucket({ width: 1920, height: 1080 }, buckets)).toEqual({ width: 640, height: 384 });
    expect(chooseBucket({ width: 1000, height: 1010 }, buckets)).toEqual({ width: 512, height: 512 });
    expect(chooseBucket({ width: 300, height: 2000 }, buckets)).toEqual({ width: 256, height: 1024 });
    expect(() => bucketResolutions({ resolution: 500 })).toThrow(/not a multiple of 64/);
  });
});
