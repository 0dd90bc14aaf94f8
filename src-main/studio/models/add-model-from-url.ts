import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseInput, StorageInputError, type Store } from '../../storage';
import { addInspected, refuseKnownPath, type AddedModel } from './add-model';
import { downloadFile, type DownloadProgress, type DownloadResult } from './download';
import { inspectModel } from './inspect-model';

export const DOWNLOADS_FOLDER = 'models/downloads';

const urlInput = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits').optional(),
    name: z.string().trim().min(1).optional(),
    fileName: z.string().regex(/^[\w.-]+$/, 'may hold only letters, digits, dot, dash and underscore').optional(),
    tokenizer: z.string().min(1).optional(),
    retries: z.number().int().min(0).max(100).optional(),
  })
  .strict();

export type AddModelFromUrlOptions = z.input<typeof urlInput> & {
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
};

/**
 * Downloads a model into the data directory's models/downloads/ (resumable, SHA-256 checked),
 * then adds it like a local file; a download that turns out not to be an SD 1.5 model is
 * deleted again, with the reason.
 */
export async function addModelFromUrl(store: Store, options: AddModelFromUrlOptions): Promise<AddedModel & { download: DownloadResult }> {
  const { onProgress, signal, ...fields } = options;
  const input = parseInput(urlInput, fields, 'model download');
  const dest = join(store.dataDir, ...DOWNLOADS_FOLDER.split('/'), input.fileName ?? fileNameFromUrl(input.url));
  refuseKnownPath(store, dest);
  if (existsSync(dest)) throw new StorageInputError('fileName', `model download: 'fileName': ${dest} already exists; pick another fileName`);
  await mkdir(join(dest, '..'), { recursive: true });
  const download = await downloadFile({ url: input.url, dest, sha256: input.sha256, retries: input.retries, onProgress, signal });
  let detection;
  try {
    detection = await inspectModel(dest);
  } catch (error) {
    await rm(dest, { force: true });
    throw error;
  }
  const added = await addInspected(store, dest, detection, { storage: 'download', name: input.name, tokenizer: input.tokenizer, sourceUrl: input.url, sha256: download.sha256 });
  return { ...added, download };
}

/** The URL path's last segment, made safe as a file name, ending in .safetensors. */
export function fileNameFromUrl(url: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
  const safe = last.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '') || 'model';
  return safe.toLowerCase().endsWith('.safetensors') ? safe : `${safe}.safetensors`;
}
