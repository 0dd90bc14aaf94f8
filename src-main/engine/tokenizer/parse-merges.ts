import { corrupt } from './read-file';
import { CLIP_MERGE_LIMIT } from './vocabulary';

/**
 * Merge rules from merges.txt text (also the body of OpenAI's bpe_simple_vocab file): a
 * `#version` header line, then one "left right" pair per line. Like CLIP, only the first
 * CLIP_MERGE_LIMIT rules are kept.
 */
export function parseMerges(text: string, path: string): Array<[string, string]> {
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
  const merges: Array<[string, string]> = [];
  for (let i = 1; i < lines.length && merges.length < CLIP_MERGE_LIMIT; i++) {
    const parts = lines[i].trim().split(/\s+/);
    if (parts.length !== 2 || parts[0] === '') {
      throw corrupt(path, `line ${i + 1} is not a merge rule of two symbols: ${JSON.stringify(lines[i].slice(0, 80))}`);
    }
    merges.push([parts[0], parts[1]]);
  }
  if (merges.length === 0) throw corrupt(path, 'it holds no merge rules');
  return merges;
}
