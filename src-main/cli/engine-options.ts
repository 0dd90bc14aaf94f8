import { createEngine, parseBackendName, type EngineApi } from '../engine';
import { UsageError, type OptionSpec, type OptionValues } from './command';

/** Flags every command that runs the engine accepts: spread into its `options`. */
export const engineOptions: OptionSpec = {
  backend: { type: 'string' },
  threads: { type: 'string' },
};

export const engineHelp = [
  '--backend <name>   use this backend or fail: tensorflow-gpu, tensorflow, webgpu, wasm, cpu',
  '                   (default: STYLEINJECT_BACKEND, else the fastest that starts here)',
  '--threads <n>      worker threads for backends that take a count (wasm)',
];

/** The engine, in this process, as the engine flags ask. */
export function engineFromFlags(values: OptionValues): EngineApi {
  const backend = values.backend;
  const threads = values.threads;
  const count = typeof threads === 'string' ? Number(threads) : undefined;
  if (count !== undefined && !(Number.isInteger(count) && count > 0)) {
    throw new UsageError(`--threads wants a positive integer, got '${String(threads)}'`);
  }
  let force;
  try {
    force = typeof backend === 'string' ? parseBackendName(backend, '--backend') : undefined;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return createEngine({ backend: force, threads: count });
}
