import { readFileSync } from 'node:fs';
import { badInput } from '../errors';

/** Reads a tokenizer file, failing with an error that names it. */
export function readTokenizerFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw badInput(`CLIP tokenizer: cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Parses a JSON tokenizer file, failing with an error that names it. */
export function readJsonFile(path: string): unknown {
  const text = readTokenizerFile(path).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badInput(`CLIP tokenizer: ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export function corrupt(path: string, why: string): Error {
  return new Error(`CLIP tokenizer: ${path} is not a usable CLIP tokenizer file: ${why}`);
}
