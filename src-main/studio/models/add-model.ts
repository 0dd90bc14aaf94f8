import { resolve } from 'node:path';
import { StorageInputError, toStoredPath, type Model, type ModelStorage, type Store } from '../../storage';
import type { ModelDetection } from './detection';
import { ModelRefusedError } from './errors';
import { inspectModel } from './inspect-model';
import { copyIntoLibrary } from './library-copy';
import { hashFileSet, modelFileSet } from './model-files';
import { findTokenizerBeside, tokenizerVocabSize } from './tokenizer-files';
import { addTokenizer, attachTokenizer } from './tokenizers';

export interface AddModelOptions {
  path: string;
  name?: string;
  /** Copy the files into the data directory; by default the model is referenced where it lies. */
  copy?: boolean;
  /** A single-file checkpoint's tokenizer, chosen by the user; else one beside the file is used if it fits. */
  tokenizer?: string;
  onHashProgress?: (hashedBytes: number, totalBytes: number) => void;
}

export interface AddedModel {
  model: Model;
  /** The tokenizer paired with a single-file checkpoint, if one was given or found. */
  tokenizer: Model | null;
  /** Sentences for the user: v-prediction, no VAE inside, no tokenizer found ... */
  notes: string[];
}

/**
 * Adds a model from a path: inspected from its headers (refused with a reason if it is not
 * SD 1.5), hashed, referenced in place or copied, and for a single-file checkpoint paired with
 * its tokenizer when one is given or lies beside it.
 */
export async function addModelByPath(store: Store, options: AddModelOptions): Promise<AddedModel> {
  const source = resolve(options.path);
  refuseKnownPath(store, source);
  const detection = await inspectModel(source);
  return addInspected(store, source, detection, { ...options, storage: options.copy ? 'copy' : 'reference' });
}

export function refuseKnownPath(store: Store, source: string): void {
  const already = store.models.findByPath(toStoredPath(store.dataDir, source));
  if (already) throw new StorageInputError('path', `model: 'path': ${source} is already in the library as '${already.name}' (id ${already.id})`);
}

export interface AddInspectedOptions {
  storage: ModelStorage;
  name?: string;
  tokenizer?: string;
  sourceUrl?: string;
  /** Known already (a verified download), so the file is not read again. */
  sha256?: string;
  onHashProgress?: (hashedBytes: number, totalBytes: number) => void;
}

/** The common tail of adding by path and by URL: tokenizer check, hash, copy, row, pairing. */
export async function addInspected(store: Store, source: string, detection: ModelDetection, options: AddInspectedOptions): Promise<AddedModel> {
  const tokenizerPick = pickTokenizer(detection, source, options.tokenizer && resolve(options.tokenizer));
  const set = modelFileSet(source, detection);
  const sha256 = options.sha256 ?? (await hashFileSet(set, options.onHashProgress));
  const path = options.storage === 'copy' ? await copyIntoLibrary(store, source, set, sha256, 'models') : toStoredPath(store.dataDir, source);
  const model = store.models.add({
    kind: detection.kind,
    name: options.name ?? defaultName(source),
    path,
    storage: options.storage,
    format: detection.format,
    sha256,
    sizeBytes: set.sizeBytes,
    detected: { ...detection.details, notes: detection.notes },
    sourceUrl: options.sourceUrl ?? null,
  });
  const notes = [...detection.notes, ...(tokenizerPick.note ? [tokenizerPick.note] : [])];
  if (!tokenizerPick.path) return { model, tokenizer: null, notes };
  const tokenizer = await addTokenizer(store, tokenizerPick.path);
  return { model: attachTokenizer(store, model.id, tokenizer.id), tokenizer, notes };
}

/**
 * A single-file checkpoint carries no tokenizer: the user's choice must fit its text encoder
 * (else nothing is added); one found beside it is used only if it fits. Runs before anything
 * is written, so a refusal leaves the library as it was.
 */
function pickTokenizer(detection: ModelDetection, source: string, chosen?: string): { path?: string; note?: string } {
  if (detection.kind !== 'checkpoint' || detection.format !== 'single_file') return {};
  const needed = detection.details.textVocabSize;
  if (chosen) {
    const has = tokenizerVocabSize(chosen);
    if (has !== needed) throw new ModelRefusedError(chosen, `this tokenizer has ${has} tokens but the checkpoint's text encoder has ${String(needed)}`);
    return { path: chosen };
  }
  const beside = findTokenizerBeside(source);
  if (beside && vocabSizeOrUndefined(beside) === needed) return { path: beside };
  const why = beside ? `the tokenizer beside it (${beside}) does not fit its text encoder` : 'no tokenizer found beside it';
  return { note: `${why}: choose one, or use a tokenizer from the library` };
}

/** A tokenizer found by looking around may be broken; that only means it is not used. */
function vocabSizeOrUndefined(path: string): number | undefined {
  try {
    return tokenizerVocabSize(path);
  } catch {
    return undefined;
  }
}

function defaultName(path: string): string {
  return (path.split(/[\\/]/).filter(Boolean).pop() ?? path).replace(/\.safetensors$/i, '');
}
