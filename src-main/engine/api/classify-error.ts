import { AdapterFileError } from '../adapters/files';
import { EngineError } from '../errors';
import { describeFileError, fileErrorCode } from '../io/file-errors';
import { ModelFileError } from '../io/model-files';
import { SafetensorsError } from '../io/safetensors';
import { GenerationCancelled } from '../pipelines/txt2img';
import { TrainingConfigError } from '../training/run';
import { errnoCode } from '../training/run-state/errors';

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
  const fileCode = fileErrorCode(error);
  if (fileCode) return new EngineError(fileCode, describeFileError(error), { cause: error });
  if (OUT_OF_MEMORY.test(message)) {
    return new EngineError('out-of-memory', `not enough memory for this job (${message}): try a smaller size or batch, or close other jobs`, { cause: error });
  }
  return new EngineError('internal', message || 'unknown error', { cause: error });
}
