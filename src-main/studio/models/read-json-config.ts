import { existsSync, readFileSync } from 'node:fs';
import { ModelRefusedError } from './errors';

/** A diffusers/transformers JSON config, or undefined if the file is absent; unreadable JSON is refused. */
export function readJsonConfig(folder: string, file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    throw new Error('not a JSON object');
  } catch (error) {
    throw new ModelRefusedError(folder, `${file} is not a readable JSON config (${(error as Error).message})`);
  }
}
