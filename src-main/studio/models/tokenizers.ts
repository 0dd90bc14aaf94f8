import { resolve } from 'node:path';
import { fromStoredPath, StorageInputError, toStoredPath, type Model, type Store } from '../../storage';
import { ModelRefusedError } from './errors';
import { copyIntoLibrary } from './library-copy';
import { hashFileSet, modelFileSet } from './model-files';
import { tokenizerFilesAt, tokenizerVocabSize } from './tokenizer-files';

export interface AddTokenizerOptions {
  /** Keep a copy in the data directory's tokenizers/ (the library's own), instead of referencing it in place. */
  copy?: boolean;
  name?: string;
}

/**
 * Adds a CLIP tokenizer to the library after the engine's tokenizer has loaded it. The same
 * files (by hash) are added once: asking again returns the existing entry, so a tokenizer
 * copied into the data folder is copied once and shared by every checkpoint.
 */
export async function addTokenizer(store: Store, path: string, options: AddTokenizerOptions = {}): Promise<Model> {
  const source = resolve(path);
  const tokenizer = tokenizerFilesAt(source);
  const vocabSize = tokenizerVocabSize(source);
  const set = modelFileSet(source, { kind: 'tokenizer', format: tokenizer.format, details: {}, notes: [] });
  const sha256 = await hashFileSet(set);
  const existing = store.models
    .list('tokenizer')
    .find((m) => m.sha256 === sha256 && (options.copy ? m.storage !== 'reference' : true));
  if (existing) return existing;
  const stored = options.copy ? await copyIntoLibrary(store, source, set, sha256, 'tokenizers') : toStoredPath(store.dataDir, source);
  return store.models.add({
    kind: 'tokenizer',
    name: options.name ?? 'CLIP tokenizer',
    path: stored,
    storage: options.copy ? 'copy' : 'reference',
    format: tokenizer.format,
    sha256,
    sizeBytes: set.sizeBytes,
    detected: { vocabSize },
  });
}

/**
 * Pairs a single-file checkpoint with a library tokenizer, if its vocabulary fits the
 * checkpoint's text encoder (a mismatch would index past the embedding table).
 */
export function attachTokenizer(store: Store, checkpointId: number, tokenizerId: number): Model {
  const checkpoint = store.models.get(checkpointId);
  const tokenizer = store.models.get(tokenizerId);
  if (tokenizer.kind !== 'tokenizer') throw new StorageInputError('tokenizerId', `tokenizer: model ${tokenizerId} ('${tokenizer.name}') is a ${tokenizer.kind}, not a tokenizer`);
  const needed = checkpoint.detected.textVocabSize;
  const has = tokenizer.detected.vocabSize;
  if (typeof needed === 'number' && typeof has === 'number' && needed !== has) {
    throw new ModelRefusedError(
      fromStoredPath(store.dataDir, tokenizer.path),
      `this tokenizer has ${has} tokens but ${checkpoint.name}'s text encoder has ${needed}; choose the tokenizer made for this model`,
    );
  }
  return store.models.setTokenizer(checkpointId, tokenizerId);
}
