import { badInput } from '../errors';
/**
 * The compute backends the engine can run on, in the order auto-selection tries them.
 * Both TensorFlow builds run as tfjs's 'tensorflow' backend; they differ in the package.
 */
export const backendNames = ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const;

export type BackendName = (typeof backendNames)[number];

export function isBackendName(value: string): value is BackendName {
  return (backendNames as readonly string[]).includes(value);
}

/** Validates a user-supplied name (CLI flag, environment variable) with a message that lists the choices. */
export function parseBackendName(value: string, source: string): BackendName {
  if (isBackendName(value)) return value;
  throw badInput(`unknown backend '${value}' in ${source}; choose one of: ${backendNames.join(', ')}`);
}
