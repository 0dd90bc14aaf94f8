import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { inspectSafetensorsFile } from './classify-single-file';
import type { ModelDetection } from './detection';
import { StorageError } from '../../storage';
import { ModelRefusedError } from './errors';
import { inspectFolder } from './inspect-folder';
import { tokenizerFilesAt } from './tokenizer-files';

// Pickle formats can run arbitrary code when loaded; nothing here ever unpickles.
const PICKLE_EXTENSIONS = new Set(['.ckpt', '.pt', '.pth', '.bin', '.pkl']);

/** What a model file or folder is, from headers and configs only; refused with a reason if the studio cannot use it. */
export async function inspectModel(path: string): Promise<ModelDetection> {
  if (!existsSync(path)) throw new StorageError(`${path} does not exist: check the path`, { code: 'not-found' });
  if (statSync(path).isDirectory()) return inspectFolder(path);
  const extension = extname(path).toLowerCase();
  if (extension === '.safetensors') return inspectSafetensorsFile(path);
  if (extension === '.gz') return { kind: 'tokenizer', format: tokenizerFilesAt(path).format, details: { files: 1 }, notes: [] };
  if (PICKLE_EXTENSIONS.has(extension)) {
    throw new ModelRefusedError(path, `a pickle checkpoint (${extension}), which can run arbitrary code when loaded; convert it to .safetensors first`);
  }
  throw new ModelRefusedError(path, `unknown model format '${extension || 'no extension'}': add a .safetensors file, a diffusers folder or a CLIP tokenizer`);
}
