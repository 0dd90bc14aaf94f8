import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, loadItemPixels, type Dataset } from '../../../../src-main/engine/training/data';
import { BLUE, gradientRaw, RED, tempFolder, twoToneRaw, writePng } from './test-images';

let dir: string;
let cleanup: () => Promise<void>;
let dataset: Dataset;
const logged: string[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('dataset'));
  await writePng(join(dir, 'a.png'), twoToneRaw(40, 20, RED, BLUE));
  await writeFile(join(dir, 'a.txt'), '\uFEFFsks style, red and blue\r\n\r\n  second   line\u0007 \r\n');
  await writeFile(join(dir, 'zero.png'), new Uint8Array(0));
  const whole = await gradientRaw(32, 32).png().toBuffer();
  await writeFile(join(dir, 'truncated.png'), whole.subarray(0, whole.length - 40));
  await writeFile(join(dir, 'fake.jpg'), 'this is text');
  await writeFile(join(dir, 'notes.md'), 'not part of the dataset');
  await mkdir(join(dir, '3_cat toy'));
  await writeFile(join(dir, '3_cat toy', 'b.jpg'), await gradientRaw(30, 60).jpeg().toBuffer());
  await writeFile(join(dir, '3_cat toy', 'c.webp'), await gradientRaw(24, 24).webp().toBuffer());
  await writeFile(join(dir, '3_cat toy', 'c.txt'), Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x20, 0x78])); // 'café, x' in Windows-1252
  await writeFile(join(dir, '3_cat toy', 'empty.png'), await gradientRaw(20, 20).png().toBuffer());
  await writeFile(join(dir, '3_cat toy', 'empty.txt'), ' \r\n');
  await mkdir(join(dir, 'misc'));
  await writePng(join(dir, 'misc', 'ignored.png'), gradientRaw(8, 8));
  dataset = await loadDataset({ folder: dir }, { resolution: 16, log: (line) => logged.push(line) });
});
afterAll(() => cleanup());

describe('loadDataset from a folder', () => {
  it("finds top-level images and kohya 'N_name' folders with their repeats", () => {
    const names = dataset.items.map((item) => item.image.slice(dir.length + 1));
    expect(names).toEqual(['3_cat toy/b.jpg', '3_cat toy/c.webp', '3_cat toy/empty.png', 'a.png']);
    expect(dataset.items.map((item) => item.repeats)).toEqual([3, 3, 3, 1]);
    expect(dataset.items.map((item) => item.index)).toEqual([0, 1, 2, 3]);
  });

  it('skips broken images with the reason, without stopping', () => {
    const skipped = Object.fromEntries(dataset.skipped.map((s) => [s.path.slice(dir.length + 1), s.reason]));
    expect(Object.keys(skipped).sort()).toEqual(['fake.jpg', 'truncated.png', 'zero.png']);
    expect(skipped['zero.png']).toMatch(/empty file/);
    expect(skipped['fake.jpg']).toMatch(/unsupported image format/);
    expect(skipped['truncated.png'].length).toBeGreaterThan(0);
    expect(logged.some((line) => line.includes('truncated.png: skipped'))).toBe(true);
  });

  it('cleans captions: CRLF lines joined, BOM and control characters dropped, Windows-1252, fallbacks', () => {
    const caption = (name: string) => dataset.items.find((item) => item.image.endsWith(name))?.caption;
    expect(caption('a.png')).toBe('sks style, red and blue, second line');
    expect(caption('c.webp')).toBe('café, x');
    expect(caption('b.jpg')).toBe('cat toy'); // no .txt: the folder's class words
    expect(caption('empty.png')).toBe('');
    const notes = dataset.notes.map((n) => `${n.path.slice(dir.length + 1)}: ${n.message}`);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^misc: folder ignored/),
        expect.stringMatching(/^a\.png: caption had 2 lines/),
        expect.stringMatching(/^3_cat toy\/c\.webp: caption is not valid UTF-8/),
        expect.stringMatching(/^3_cat toy\/b\.jpg: no caption file; using the folder's class words 'cat toy'/),
        expect.stringMatching(/^3_cat toy\/empty\.png: caption is empty/),
      ]),
    );
  });

  it('records content hash, source size and centre crop of each item', async () => {
    const a = dataset.items[3];
    expect(a.contentHash).toBe(createHash('sha256').update(await readFile(a.image)).digest('hex'));
    expect(a.sourceSize).toEqual({ width: 40, height: 20 });
    expect(a.size).toEqual({ width: 16, height: 16 });
    expect(a.crop).toEqual({ resizedWidth: 32, resizedHeight: 16, left: 8, top: 0, width: 16, height: 16 });
    const pixels = await loadItemPixels(a, false);
    expect([pixels.width, pixels.height, pixels.data.length]).toEqual([16, 16, 16 * 16 * 3]);
  });

  it('refuses pixels of an image that changed after loading', async () => {
    const path = join(dir, 'changing.png');
    await writePng(path, gradientRaw(16, 16));
    const { items } = await loadDataset({ items: [{ image: path, caption: 'x' }] }, { resolution: 16 });
    await writePng(path, gradientRaw(16, 17));
    await expect(loadItemPixels(items[0], false)).rejects.toThrow(/changed since the dataset was loaded/);
  });
});

describe('loadDataset from an explicit list, with buckets', () => {
  it('assigns aspect buckets and cleans given captions', async () => {
    const wide = await writePng(join(dir, 'wide.png'), gradientRaw(60, 20));
    const tall = await writePng(join(dir, 'tall.png'), gradientRaw(20, 80));
    const square = await writePng(join(dir, 'square.png'), gradientRaw(30, 30));
    const long = Array.from({ length: 400 }, (_, i) => `tag${i}`).join(', ');
    const result = await loadDataset(
      {
        items: [
          { image: wide, caption: 'wide\r\nshot' },
          { image: tall, caption: long, repeats: 2 },
          { image: square, caption: '' },
          { image: join(dir, 'missing.png'), caption: 'gone' },
        ],
      },
      { resolution: 64, buckets: { minSide: 32, maxSide: 128, step: 32 }, maxCaptionChars: 100 },
    );
    expect(result.items.map((item) => `${item.size.width}x${item.size.height}`)).toEqual(['96x32', '32x128', '64x64']);
    expect(result.items[0].caption).toBe('wide, shot');
    expect(result.items[1].caption.length).toBeLessThanOrEqual(100);
    expect(result.items[1].caption.endsWith(',')).toBe(false);
    expect(result.items[1].repeats).toBe(2);
    expect(result.items[0].crop).toEqual({ resizedWidth: 96, resizedHeight: 32, left: 0, top: 0, width: 96, height: 32 });
    expect(result.skipped).toEqual([{ path: join(dir, 'missing.png'), reason: expect.stringMatching(/ENOENT/) }]);
    await expect(loadDataset({ items: [{ image: wide, caption: 'x', repeats: 0 }] })).rejects.toThrow(/repeats must be an integer >= 1/);
  });
});
