import { AdapterFileError } from '../adapters/files';
import { EngineError, type EngineErrorCode } from '../errors';
import { ModelFileError } from '../io/model-files';
import { SafetensorsError } from '../io/safetensors';
import { GenerationCancelled } from '../pipelines/txt2img';
import { TrainingConfigError } from '../training/run';
import { errnoCode } from '../training/run-state/errors';

/** File-system failures in words a user acts on, by errno code. */
const ERRNO: Record<string, { code: EngineErrorCode; say: (path: string) => string }> = {
  ENOENT: { code: 'not-found', say: (p) => `${p} does not exist` },
  EISDIR: { code: 'bad-input', say: (p) => `${p} is a folder where a file was expected` },
  ENOTDIR: { code: 'bad-input', say: (p) => `${p} is not a folder (a part of the path is a file)` },
  EACCES: { code: 'bad-input', say: (p) => `no permission to use ${p}` },
  EPERM: { code: 'bad-input', say: (p) => `the system does not allow using ${p}` },
  EROFS: { code: 'bad-input', say: (p) => `${p} is on a read-only disk` },
  ENOSPC: { code: 'disk-full', say: (p) => `the disk is full (writing ${p}): free some space and try again` },
  EDQUOT: { code: 'disk-full', say: (p) => `the disk quota is used up (writing ${p})` },
};

// wasm's heap and V8's array buffers say "out of memory" in several ways.
const OUT_OF_MEMORY = /out of memory|array buffer allocation failed|failed to allocate|cannot allocate|allocation failed|\boom\b/i;

/**
 * Any thrown value as an EngineError with a code: the engine's own error types keep their
 * message, file-system errors become sentences, everything unknown is 'internal'.
 */
export function toEngineError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  if (error instanceof GenerationCancelled || (error instanceof Error && error.name === 'AbortError')) {
    return new EngineError('cancelled', error.message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TrainingConfigError) return new EngineError('bad-input', message, { cause: error });
  if (error instanceof AdapterFileError || error instanceof ModelFileError || error instanceof SafetensorsError) {
    const code = /not supported|are not supported/.test(message) ? 'unsupported' : errnoCode(error) === 'ENOENT' ? 'not-found' : 'bad-input';
    return new EngineError(code, message, { cause: error });
  }
  const errno = errnoCode(error);
  const known = errno ? ERRNO[errno] : undefined;
  if (known) {
    const path = (error as { path?: string }).path;
    return new EngineError(known.code, path ? known.say(path) : message, { cause: error });
  }
  if (OUT_OF_MEMORY.test(message)) {
    return new EngineError('out-of-memory', `not enough memory for this job (${message}): try a smaller size or batch, or close other jobs`, { cause: error });
  }
  return new EngineError('internal', message || 'unknown error', { cause: error });
}
