import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInfotextFromPng, readPngMetadata } from '../../src-main/engine/io/png';
import { goldenDir } from '../parity/golden';
import { styleinject } from './run-styleinject';

const models = join(goldenDir(), 'models');
const out = mkdtempSync(join(tmpdir(), 'styleinject-generate-'));
const wasm = { STYLEINJECT_BACKEND: 'wasm' };

describe('styleinject generate', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes a PNG with A1111 parameters from the tiny diffusers folder', async () => {
    const file = join(out, 'folder.png');
    const run = await styleinject(
      ['generate', '--model', join(models, 'diffusers'), '--prompt', 'a (blue:1.2) circle', '--negative', 'noise', '--steps', '3', '--width', '32', '--height', '40', '--seed', '5', '--scheduler', 'ddim', '--out', file],
      wasm,
    );
    expect(run.stderr).toMatch(/sampling \[#+\] 3\/3/);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(file);
    const png = new Uint8Array(readFileSync(file));
    expect(readPngMetadata(png).header).toMatchObject({ width: 32, height: 40 });
    const info = readInfotextFromPng(png);
    expect(info?.prompt).toBe('a (blue:1.2) circle');
    expect(info?.negativePrompt).toBe('noise');
    expect(Object.fromEntries(info?.settings ?? [])).toMatchObject({ Steps: '3', Sampler: 'DDIM', Seed: '5', Size: '32x40' });
  });

  it('writes one file per image of a batch from the tiny single file with a tokenizer folder', async () => {
    const file = join(out, 'single.png');
    const run = await styleinject(
      ['generate', '--model', join(models, 'sd15_tiny_single_file.safetensors'), '--config', join(models, 'diffusers'), '--tokenizer', join(models, 'diffusers', 'tokenizer'), '--prompt', 'stripes', '--steps', '2', '--width', '32', '--height', '32', '--batch', '2', '--out', file],
      wasm,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([join(out, 'single-1.png'), join(out, 'single-2.png')]);
    // No --seed: a random one, printed and recorded in each image (seed + i).
    const seed = Number(/^seed (\d+) \(image i used seed \+ i\)$/m.exec(run.stderr)?.[1]);
    const recorded = (i: number) => Object.fromEntries(readInfotextFromPng(new Uint8Array(readFileSync(join(out, `single-${i}.png`))))?.settings ?? []).Seed;
    expect([recorded(1), recorded(2)]).toEqual([String(seed), String(seed + 1)]);
  });

  it('explains bad input and exits non-zero', async () => {
    const missing = await styleinject(['generate', '--prompt', 'x', '--out', join(out, 'x.png')], wasm);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--model is required/);

    const mismatch = await styleinject(
      ['generate', '--model', join(models, 'diffusers'), '--tokenizer', join(goldenDir(), '..', 'clip-tokenizer'), '--prompt', 'x', '--out', join(out, 'x.png')],
      wasm,
    );
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(/tokenizer \(49408 tokens.*does not fit the text encoder's vocabulary of 1000/);

    const noTokenizer = await styleinject(['generate', '--model', join(models, 'sd15_tiny_single_file.safetensors'), '--prompt', 'x', '--out', join(out, 'x.png')], wasm);
    expect(noTokenizer.code).toBe(2);
    expect(noTokenizer.stderr).toMatch(/carries no tokenizer.*--tokenizer/);

    const badSize = await styleinject(['generate', '--model', join(models, 'diffusers'), '--prompt', 'x', '--width', '33', '--out', join(out, 'x.png')], wasm);
    expect(badSize.code).toBe(2);
    expect(badSize.stderr).toMatch(/width must be a multiple of 8/);

    const noModel = await styleinject(['generate', '--model', join(out, 'nowhere.safetensors'), '--prompt', 'x', '--out', join(out, 'x.png')], wasm);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/nowhere\.safetensors does not exist/);
  });

  it('checks sizes and the output before loading anything, and never replaces a file it did not write', async () => {
    const model = ['--model', join(models, 'diffusers'), '--prompt', 'x', '--steps', '1'];
    const huge = await styleinject(['generate', ...model, '--width', '65536', '--height', '65536', '--out', join(out, 'huge.png')], wasm);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/^styleinject generate: width 65536 px is above the limit of 2048 px$/m);

    const adapter = join(out, 'style.safetensors');
    writeFileSync(adapter, 'adapter bytes');
    const wrongKind = await styleinject(['generate', ...model, '--out', adapter], wasm);
    expect(wrongKind.stderr).toMatch(/images are written as PNG.*'\.safetensors' is not written: name a \.png file/);
    const photo = join(out, 'photo.png');
    writeFileSync(photo, 'not one of our images');
    const foreign = await styleinject(['generate', ...model, '--out', photo], wasm);
    expect(foreign.stderr).toMatch(/photo\.png already exists and is not an image this app wrote, so it is left as it is: .*--overwrite/);
    const folder = await styleinject(['generate', ...model, '--out', out], wasm);
    expect(folder.stderr).toMatch(/is a folder: name a file inside it/);
    const missing = await styleinject(['generate', ...model, '--out', join(out, 'no', 'such', 'x.png')], wasm);
    expect(missing.stderr).toMatch(/the output folder .*no\/such does not exist: create it or choose another place/);
    for (const run of [wrongKind, foreign, folder, missing]) {
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/loading|sampling/); // refused before the model loaded, let alone sampling
    }
    expect(readFileSync(adapter, 'utf8')).toBe('adapter bytes');
    expect(readFileSync(photo, 'utf8')).toBe('not one of our images');

    const replaced = await styleinject(['generate', ...model, '--width', '32', '--height', '32', '--out', photo, '--overwrite'], wasm);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(readInfotextFromPng(new Uint8Array(readFileSync(photo)))?.prompt).toBe('x');
  });

  it('names what is wrong with a model path, an adapter path and a router trace', async () => {
    const gone = await styleinject(['generate', '--model', join(out, 'nope.safetensors'), '--prompt', 'x', '--out', join(out, 'g.png')], wasm);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/nope\.safetensors does not exist/);
    expect(gone.stderr).not.toMatch(/tokenizer/);

    const tiny = ['--model', join(models, 'diffusers'), '--prompt', 'x', '--steps', '1', '--width', '32', '--height', '32'];
    const folderAdapter = await styleinject(['generate', ...tiny, '--adapter', `${out}:.5`, '--out', join(out, 'a.png')], wasm);
    expect(folderAdapter.stderr).toMatch(/: is a folder, not a \.safetensors file$/m);
    expect(folderAdapter.stderr).not.toMatch(/EISDIR|ENOTDIR/);
    const noTrace = await styleinject(['generate', ...tiny, '--trace-router', '--out', join(out, 't.png')], wasm);
    expect(noTrace.code).toBe(2);
    expect(noTrace.stderr).toMatch(/nothing to trace: router traces need a StyleInject adapter with DMA/);
    expect(noTrace.stderr).not.toMatch(/sampling/);
  });

  it('documents the seed default and keeps help columns apart', async () => {
    const generate = await styleinject(['generate', '--help']);
    expect(generate.stdout).toMatch(/--seed <n> +seed of the first image \(default: random; the seed used is printed and written into the PNG\)/);
    const train = await styleinject(['train', '--help']);
    const flagLines = train.stdout.split('\n').filter((line) => /^ {2}--[a-z-]+ (?!<)/.test(line)); // the run's flags (the backend's show <values>)
    expect(flagLines.length).toBeGreaterThan(20);
    const column = flagLines[0].search(/ {2}\S/);
    for (const line of flagLines) {
      expect(line, line).toMatch(/^ {2}--[a-z-]+ {2,}\S/);
      expect(line.slice(column).search(/\S/), line).toBe(2);
    }
  });
});
