import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadError, downloadFile, HashMismatchError, type DownloadProgress } from '../../../src-main/studio/models';
import { scratchFolder } from '../../storage/scratch';
import { startRangeServer } from './range-server';

const dir = scratchFolder('download');
const server = await startRangeServer();
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function serve(path: string, size = 3 * 1024 * 1024): Buffer {
  const body = randomBytes(size);
  server.files.set(path, { body, etag: `"${sha(body).slice(0, 16)}"` });
  return body;
}

const requestsFor = (path: string) => server.requests.filter((r) => r.path === path);

describe('resumable, verified downloads', () => {
  it('downloads with progress, verifies the hash and leaves only the final file', async () => {
    const body = serve('/a.safetensors');
    const progress: DownloadProgress[] = [];
    const dest = join(dir, 'a.safetensors');
    const result = await downloadFile({ url: server.url('/a.safetensors'), dest, sha256: sha(body), onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ path: dest, sha256: sha(body), sizeBytes: body.length, resumedFrom: [] });
    expect(readFileSync(dest).equals(body)).toBe(true);
    expect(progress.at(-1)).toEqual({ receivedBytes: body.length, totalBytes: body.length });
    expect(readdirSync(dir).filter((f) => f.startsWith('a.safetensors'))).toEqual(['a.safetensors']);
  });

  it('a connection cut mid-download resumes with a Range request (and If-Range) in the same call', async () => {
    const body = serve('/cut.safetensors');
    server.cutNext(1, 1_000_000);
    const progress: number[] = [];
    const result = await downloadFile({ url: server.url('/cut.safetensors'), dest: join(dir, 'cut.safetensors'), sha256: sha(body), onProgress: (p) => progress.push(p.receivedBytes) });
    const [first, second] = requestsFor('/cut.safetensors');
    expect(first.range).toBeUndefined();
    const resumedAt = result.resumedFrom[0];
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(1_000_000);
    expect(second).toMatchObject({ range: `bytes=${resumedAt}-`, ifRange: server.files.get('/cut.safetensors')!.etag });
    expect(readFileSync(result.path).equals(body)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('without retries the cut fails clearly, keeps the partial file, and the next call resumes from it', async () => {
    const body = serve('/later.safetensors');
    const dest = join(dir, 'later.safetensors');
    server.cutNext(1, 500_000);
    const error = await downloadFile({ url: server.url('/later.safetensors'), dest, retries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(/download stopped \(.*\); the partial file .*later\.safetensors\.download is kept: run it again to resume/);
    expect(existsSync(dest)).toBe(false);
    const kept = statSync(`${dest}.download`).size;
    expect(kept).toBeGreaterThan(0);
    const result = await downloadFile({ url: server.url('/later.safetensors'), dest, sha256: sha(body) });
    expect(result.resumedFrom).toEqual([kept]);
    expect(requestsFor('/later.safetensors').at(-1)?.range).toBe(`bytes=${kept}-`);
    expect(readFileSync(dest).equals(body)).toBe(true);
  });

  it('a file that changed on the server restarts from zero instead of stitching two versions', async () => {
    serve('/changed.safetensors');
    const dest = join(dir, 'changed.safetensors');
    server.cutNext(1, 400_000);
    await expect(downloadFile({ url: server.url('/changed.safetensors'), dest, retries: 0 })).rejects.toThrow(DownloadError);
    const newer = serve('/changed.safetensors'); // new bytes, new ETag: If-Range no longer matches
    const result = await downloadFile({ url: server.url('/changed.safetensors'), dest, sha256: sha(newer) });
    expect(readFileSync(dest).equals(newer)).toBe(true);
    expect(result.sizeBytes).toBe(newer.length);
  });

  it('a server that ignores Range sends the whole file again, and that is handled', async () => {
    const body = serve('/norange.safetensors');
    server.files.get('/norange.safetensors')!.ignoreRange = true;
    server.cutNext(1, 300_000);
    const result = await downloadFile({ url: server.url('/norange.safetensors'), dest: join(dir, 'norange.safetensors'), sha256: sha(body) });
    expect(readFileSync(result.path).equals(body)).toBe(true);
  });

  it('a wrong hash deletes the download and says so', async () => {
    serve('/wrong.safetensors');
    const dest = join(dir, 'wrong.safetensors');
    const error = await downloadFile({ url: server.url('/wrong.safetensors'), dest, sha256: '0'.repeat(64) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HashMismatchError);
    expect((error as Error).message).toMatch(/the download's SHA-256 is [0-9a-f]{64}, expected 0{64}; the file was deleted/);
    expect(readdirSync(dir).filter((f) => f.startsWith('wrong'))).toEqual([]);
  });

  it('a 404 fails at once, without retrying', async () => {
    const before = server.requests.length;
    await expect(downloadFile({ url: server.url('/missing.safetensors'), dest: join(dir, 'missing.safetensors') })).rejects.toThrow(/missing\.safetensors: the server answered 404 Not Found/);
    expect(server.requests.length - before).toBe(1);
  });
});
