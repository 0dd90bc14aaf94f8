import { describe, expect, it } from 'vitest';
import {
  encodePngWithInfotext,
  formatInfotext,
  infotextSetting,
  infotextSettings,
  networkHashesValue,
  parseInfotext,
  parseNetworkHashes,
  parseSize,
  readInfotextFromPng,
  readPngMetadata,
} from '../../../../src-main/engine/io/png';

const settings = infotextSettings({
  steps: 20,
  sampler: 'Euler a',
  cfgScale: 7.5,
  seed: 1,
  width: 512,
  height: 768,
  modelHash: 'cc6cb27103',
  model: 'v1-5-pruned-emaonly',
  clipSkip: 2,
  extra: [['Lora hashes', networkHashesValue([{ name: 'ink,wash', hash: 'abc123' }, { name: 'b:2', hash: 'def456' }])]],
  version: 'v1.10.1',
});

describe('A1111 infotext', () => {
  it('writes the exact A1111 layout, key order and quoting', () => {
    const text = formatInfotext({ prompt: 'a cat, (masterpiece:1.2)', negativePrompt: 'blurry', settings });
    expect(text).toBe(
      'a cat, (masterpiece:1.2)\nNegative prompt: blurry\n' +
        'Steps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 1, Size: 512x768, Model hash: cc6cb27103, ' +
        'Model: v1-5-pruned-emaonly, Clip skip: 2, Lora hashes: "inkwash: abc123, b2: def456", Version: v1.10.1',
    );
  });

  it('omits the negative prompt line when empty and Clip skip 1, and writes booleans as Python does', () => {
    const text = formatInfotext({
      prompt: 'x',
      settings: [...infotextSettings({ steps: 4, sampler: 'DDIM', cfgScale: 7, seed: 42, width: 64, height: 64, clipSkip: 1 }), ['Tiling', true]],
    });
    expect(text).toBe('x\nSteps: 4, Sampler: DDIM, CFG scale: 7, Seed: 42, Size: 64x64, Tiling: True');
  });

  it("parses A1111's own docstring example", () => {
    const info = parseInfotext(
      "girl with an artist's beret, determined, blue eyes, ((eyeshadow)), (coquettish), detailed\n" +
        'Negative prompt: ugly, fat, (((deformed))), [blurry], bad anatomy\n' +
        'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x512, Model hash: 45dee52b',
    );
    expect(info.prompt).toBe("girl with an artist's beret, determined, blue eyes, ((eyeshadow)), (coquettish), detailed");
    expect(info.negativePrompt).toBe('ugly, fat, (((deformed))), [blurry], bad anatomy');
    expect(info.settings).toEqual([
      ['Steps', '20'],
      ['Sampler', 'Euler a'],
      ['CFG scale', '7'],
      ['Seed', '965400086'],
      ['Size', '512x512'],
      ['Model hash', '45dee52b'],
    ]);
    expect(parseSize(infotextSetting(info, 'Size'))).toEqual({ width: 512, height: 512 });
  });

  it('round-trips multi-line prompts and quoted values with quotes, commas and newlines', () => {
    const extra: [string, string][] = [['Note', 'say "hi", then: go\nnow'], ['TI hashes', 'a: 1, b: 2']];
    const text = formatInfotext({ prompt: 'line one\nline two', negativePrompt: 'neg one\nneg two', settings: [...settings, ...extra] });
    const info = parseInfotext(text);
    expect(info.prompt).toBe('line one\nline two');
    expect(info.negativePrompt).toBe('neg one\nneg two');
    expect(infotextSetting(info, 'Note')).toBe('say "hi", then: go\nnow');
    expect(parseNetworkHashes(infotextSetting(info, 'TI hashes') ?? '')).toEqual([
      { name: 'a', hash: '1' },
      { name: 'b', hash: '2' },
    ]);
    expect(info.settings.map(([k]) => k)).toEqual([...settings.filter(([, v]) => v !== undefined).map(([k]) => k), 'Note', 'TI hashes']);
  });

  it('treats a last line with fewer than 3 settings as prompt text', () => {
    expect(parseInfotext('a photo\nof a cat: tabby')).toEqual({ prompt: 'a photo\nof a cat: tabby', negativePrompt: '', settings: [] });
  });

  it('stores the infotext in a PNG `parameters` chunk and reads it back', () => {
    const image = { width: 2, height: 1, channels: 3 as const, data: Uint8Array.of(0, 0, 0, 255, 255, 255) };
    const png = encodePngWithInfotext(image, { prompt: 'ink wash, 猫', negativePrompt: 'lowres', settings });
    expect(readPngMetadata(png).text.map((t) => t.keyword)).toEqual(['parameters']);
    const info = readInfotextFromPng(png);
    expect(info?.prompt).toBe('ink wash, 猫');
    expect(info?.negativePrompt).toBe('lowres');
    expect(infotextSetting(info!, 'Seed')).toBe('1');
    expect(readInfotextFromPng(encodePngWithInfotext(image, { prompt: 'p', settings: [] }))?.prompt).toBe('p');
  });
});
