import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { DownloadError, HashMismatchError } from './errors';
import { clearDownload, clearState, partPath, resumableBytes, saveState, validatorOf, type DownloadState } from './download-state';

export interface DownloadProgress {
  receivedBytes: number;
  /** From Content-Length / Content-Range; null when the server does not say. */
  totalBytes: number | null;
}

export interface DownloadOptions {
  url: string;
  /** The final file; it appears only once complete and verified. */
  dest: string;
  /** Expected SHA-256 (hex); a mismatch deletes the file. */
  sha256?: string;
  /** Connection failures resumed automatically within this call (HTTP Range) before giving up. */
  retries?: number;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

export interface DownloadResult {
  path: string;
  sha256: string;
  sizeBytes: number;
  /** Byte offsets the download resumed from (a resumed earlier attempt included). */
  resumedFrom: number[];
}

/** A failure no retry fixes (404, cancelled): thrown straight through. */
class FatalDownloadError extends DownloadError {}

/**
 * Downloads `url` to `dest` through `<dest>.download`: resumable (HTTP Range with If-Range),
 * reporting progress, hashed as it arrives, verified against `sha256`, and renamed into place
 * only when complete. A connection cut resumes where it stopped, here or in a later call.
 */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { url, dest } = options;
  const retries = options.retries ?? 3;
  const resumedFrom: number[] = [];
  for (let attempt = 0; ; attempt++) {
    const { start, state } = await resumableBytes(dest, url);
    if (start > 0) resumedFrom.push(start);
    try {
      const { sha256, sizeBytes } = await fetchInto(options, start, state);
      if (options.sha256 && options.sha256.toLowerCase() !== sha256) {
        await clearDownload(dest);
        throw new HashMismatchError(`${url}: the download's SHA-256 is ${sha256}, expected ${options.sha256}; the file was deleted. Check the URL and the hash`);
      }
      await rename(partPath(dest), dest);
      await clearState(dest);
      return { path: dest, sha256, sizeBytes, resumedFrom };
    } catch (error) {
      if (error instanceof FatalDownloadError || error instanceof HashMismatchError || attempt >= retries) throw describe(url, dest, error);
    }
  }
}

/** One request: appends to the partial file from `start` (or restarts at 0 if the server will not resume). */
async function fetchInto(options: DownloadOptions, start: number, state: DownloadState): Promise<{ sha256: string; sizeBytes: number }> {
  const headers: Record<string, string> = start > 0 ? { Range: `bytes=${start}-`, ...(state.validator && { 'If-Range': state.validator }) } : {};
  let response: Response;
  try {
    response = await fetch(options.url, { headers, signal: options.signal });
  } catch (cause) {
    if (options.signal?.aborted) throw new FatalDownloadError(`cancelled; the partial file ${partPath(options.dest)} is kept: run it again to resume`, { cause });
    throw cause;
  }
  // Everything had arrived before (a crash between the last byte and the rename).
  if (response.status === 416 && start > 0 && contentRangeTotal(response.headers) === start) {
    return { sha256: (await hashPrefix(partPath(options.dest), start)).digest('hex'), sizeBytes: start };
  }
  if (!response.ok || !response.body) {
    const message = `the server answered ${response.status} ${response.statusText}`.trim();
    throw response.status >= 500 ? new DownloadError(message) : new FatalDownloadError(message);
  }
  const resumed = response.status === 206 && contentRangeStart(response.headers) === start;
  const offset = resumed ? start : 0; // 200 (or a range we did not ask for): the whole file, from scratch
  const totalBytes = resumed ? contentRangeTotal(response.headers) : numberOrNull(response.headers.get('content-length'));
  await saveState(options.dest, { url: options.url, validator: validatorOf(response.headers) });
  const hash = await hashPrefix(partPath(options.dest), offset);
  const file = await open(partPath(options.dest), offset > 0 ? 'a' : 'w');
  let received = offset;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      await writeAll(file, chunk);
      hash.update(chunk);
      received += chunk.byteLength;
      options.onProgress?.({ receivedBytes: received, totalBytes });
    }
    await file.sync();
  } finally {
    await file.close();
  }
  if (totalBytes !== null && received !== totalBytes) throw new DownloadError(`the connection closed after ${received} of ${totalBytes} bytes`);
  return { sha256: hash.digest('hex'), sizeBytes: received };
}

async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let written = 0; written < chunk.byteLength; ) written += (await file.write(chunk, written)).bytesWritten;
}

/** The hash of what is already on disk, so a resumed download's hash covers the whole file without a second pass. */
async function hashPrefix(path: string, bytes: number): Promise<Hash> {
  const hash = createHash('sha256');
  if (bytes === 0) return hash;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 })) hash.update(chunk as Buffer);
  return hash;
}

function contentRangeStart(headers: Headers): number | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(headers.get('content-range') ?? '');
  return match ? Number(match[1]) : null;
}

function contentRangeTotal(headers: Headers): number | null {
  const match = /^bytes (\d+-\d+|\*)\/(\d+)$/.exec(headers.get('content-range') ?? '');
  return match ? Number(match[2]) : null;
}

function numberOrNull(text: string | null): number | null {
  return text !== null && /^\d+$/.test(text) ? Number(text) : null;
}

function describe(url: string, dest: string, error: unknown): Error {
  if (error instanceof HashMismatchError) return error;
  if (error instanceof FatalDownloadError) return new DownloadError(`${url}: ${error.message}`, { cause: error });
  const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
  return new DownloadError(`${url}: download stopped (${reason}); the partial file ${partPath(dest)} is kept: run it again to resume`, { cause: error });
}
