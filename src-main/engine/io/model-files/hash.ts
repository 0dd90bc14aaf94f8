import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * SHA-256 (hex) of the files' bytes in order. For one file it is the usual file hash that
 * model sites and A1111 show, so a loaded checkpoint can be recognised.
 */
export async function sha256OfFiles(files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    for await (const chunk of createReadStream(file, { highWaterMark: 4 * 1024 * 1024 })) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
