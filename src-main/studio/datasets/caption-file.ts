import { readFile } from 'node:fs/promises';

/** A caption file's text: UTF-8, byte-order mark dropped, lines joined with spaces, trimmed. */
export async function readCaptionFile(path: string): Promise<string> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
