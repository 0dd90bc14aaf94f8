import { existsSync, readFileSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';

/**
 * What a partial download needs to resume safely: the URL it came from and the server's
 * validator (a strong ETag or Last-Modified), sent back as If-Range so a file that changed
 * on the server restarts from zero instead of being stitched from two versions.
 */
export interface DownloadState {
  url: string;
  validator: string | null;
}

export const partPath = (dest: string) => `${dest}.download`;
const statePath = (dest: string) => `${partPath(dest)}.json`;

/** The partial file's size if it belongs to this URL; otherwise any leftovers are cleared. */
export async function resumableBytes(dest: string, url: string): Promise<{ start: number; state: DownloadState }> {
  const state = readState(dest);
  if (state?.url === url && existsSync(partPath(dest))) return { start: statSync(partPath(dest)).size, state };
  await clearDownload(dest);
  return { start: 0, state: { url, validator: null } };
}

export async function saveState(dest: string, state: DownloadState): Promise<void> {
  await writeFile(statePath(dest), JSON.stringify(state));
}

export async function clearDownload(dest: string): Promise<void> {
  await rm(partPath(dest), { force: true });
  await rm(statePath(dest), { force: true });
}

export async function clearState(dest: string): Promise<void> {
  await rm(statePath(dest), { force: true });
}

function readState(dest: string): DownloadState | undefined {
  try {
    return JSON.parse(readFileSync(statePath(dest), 'utf8')) as DownloadState;
  } catch {
    return undefined;
  }
}

/** Only strong validators may go in If-Range (RFC 9110); a weak ETag falls back to Last-Modified. */
export function validatorOf(headers: Headers): string | null {
  const etag = headers.get('etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return headers.get('last-modified');
}
