import { createHash } from 'node:crypto';
import { cpSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromStoredPath } from '../../../src-main/storage';
import { addModelByPath, addModelFromUrl, addTokenizer, attachTokenizer, ModelRefusedError } from '../../../src-main/studio/models';
import { scratchFolder, scratchStore } from '../../storage/scratch';
import { ldmCheckpoint, writeHeaderOnlySafetensors } from './header-only-file';
import { startRangeServer } from './range-server';
import { goldenDir } from '../../parity/golden';
import { clipTokenizerDir } from '../../engine/tokenizer/shared-data';

const dir = scratchFolder('add-model');
const store = scratchStore(dir, 'data');
const golden = join(goldenDir(), 'models');
const tinyFile = join(golden, 'sd15_tiny_single_file.safetensors');
const tinyTokenizer = join(golden, 'diffusers', 'tokenizer');
const fullTokenizer = clipTokenizerDir;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('adding models by path', () => {
  it('references a single file in place; without a tokenizer beside it, says so', async () => {
    const added = await addModelByPath(store, { path: tinyFile });
    expect(added.model).toMatchObject({ kind: 'checkpoint', path: tinyFile, storage: 'reference', sha256: sha(readFileSync(tinyFile)), tokenizerId: null });
    expect(added.notes).toContain('no tokenizer found beside it: choose one, or use a tokenizer from the library');
    await expect(addModelByPath(store, { path: tinyFile })).rejects.toThrow(/is already in the library as 'sd15_tiny_single_file'/);
  });

  it('finds a tokenizer beside the checkpoint and pairs them', async () => {
    const folder = join(dir, 'beside');
    mkdirSync(folder);
    copyFileSync(tinyFile, join(folder, 'tiny.safetensors'));
    cpSync(tinyTokenizer, join(folder, 'tokenizer'), { recursive: true });
    const added = await addModelByPath(store, { path: join(folder, 'tiny.safetensors'), name: 'tiny beside' });
    expect(added.tokenizer).toMatchObject({ kind: 'tokenizer', path: join(folder, 'tokenizer'), detected: { vocabSize: 1000 } });
    expect(added.model.tokenizerId).toBe(added.tokenizer!.id);
  });

  it("refuses a chosen tokenizer that does not fit the text encoder, adding nothing", async () => {
    const folder = join(dir, 'chosen');
    mkdirSync(folder);
    copyFileSync(tinyFile, join(folder, 'tiny.safetensors'));
    const before = store.models.list().length;
    const error = await addModelByPath(store, { path: join(folder, 'tiny.safetensors'), tokenizer: fullTokenizer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelRefusedError);
    expect((error as Error).message).toMatch(/this tokenizer has 49408 tokens but the checkpoint's text encoder has 1000/);
    expect(store.models.list()).toHaveLength(before);
  });

  it('copies into the library when asked: the original is untouched, the copy hashes the same, the path is relative', async () => {
    const added = await addModelByPath(store, { path: join(golden, 'diffusers'), copy: true, name: 'tiny diffusers' });
    expect(added.model.path).toMatch(/^models\/[0-9a-f]{12}-diffusers$/);
    const copy = fromStoredPath(store.dataDir, added.model.path);
    expect(readdirSync(join(copy, 'unet')).sort()).toEqual(readdirSync(join(golden, 'diffusers', 'unet')).sort());
    const again = await addModelByPath(store, { path: copy, name: 'the copy, referenced' }).catch((e: unknown) => e);
    expect((again as Error).message).toMatch(/already in the library/);
    expect(added.model.detected).toMatchObject({ architecture: 'sd15', hasTokenizer: true });
  });

  it('copies a tokenizer into the data folder once, then reuses it for every checkpoint', async () => {
    const first = await addTokenizer(store, fullTokenizer, { copy: true });
    const second = await addTokenizer(store, fullTokenizer, { copy: true });
    expect(second.id).toBe(first.id);
    expect(first.path).toMatch(/^tokenizers\/[0-9a-f]{12}-clip-tokenizer$/);
    expect(readdirSync(join(store.dataDir, 'tokenizers'))).toHaveLength(1);
    const full = await addModelByPath(store, { path: writeHeaderOnlySafetensors(join(dir, 'full.safetensors'), ldmCheckpoint()) });
    expect(attachTokenizer(store, full.model.id, first.id).tokenizerId).toBe(first.id);
    const tiny = await addTokenizer(store, tinyTokenizer);
    expect(() => attachTokenizer(store, full.model.id, tiny.id)).toThrow(/this tokenizer has 1000 tokens but full's text encoder has 49408/);
  });
});

describe('adding models by URL', async () => {
  const server = await startRangeServer();
  const tinyBytes = readFileSync(tinyFile);
  server.files.set('/files/tiny.safetensors', { body: tinyBytes, etag: '"tiny"' });
  const sdxl = readFileSync(writeHeaderOnlySafetensors(join(dir, 'xl.safetensors'), [{ name: 'conditioner.embedders.1.model.ln_final.weight', shape: [1280] }]));
  server.files.set('/files/xl.safetensors', { body: sdxl, etag: '"xl"' });

  it('downloads into models/downloads, verifies, inspects and records where it came from', async () => {
    const url = server.url('/files/tiny.safetensors');
    const added = await addModelFromUrl(store, { url, sha256: sha(tinyBytes), name: 'tiny from the web', tokenizer: tinyTokenizer });
    expect(added.model).toMatchObject({ path: 'models/downloads/tiny.safetensors', storage: 'download', sourceUrl: url, sha256: sha(tinyBytes) });
    expect(added.tokenizer?.detected).toMatchObject({ vocabSize: 1000 });
  });

  it('a download that is not SD 1.5 is refused and deleted', async () => {
    await expect(addModelFromUrl(store, { url: server.url('/files/xl.safetensors') })).rejects.toThrow(/an SDXL checkpoint/);
    expect(existsSync(join(store.dataDir, 'models', 'downloads', 'xl.safetensors'))).toBe(false);
  });

  it('validates its input by field', async () => {
    await expect(addModelFromUrl(store, { url: 'ftp://example.com/a.safetensors' })).rejects.toThrow(/model download: 'url': must be an http\(s\) URL/);
    await expect(addModelFromUrl(store, { url: server.url('/x'), sha256: 'abc' })).rejects.toThrow(/'sha256': must be 64 hex digits/);
  });
});
