import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
});
