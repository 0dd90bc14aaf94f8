import type { AdapterConfig, AdapterMethod } from '../adapter';
import { AdapterFileError } from './errors';
import { CONFIG_METADATA_KEYS, FORMAT_NAME, FORMAT_VERSION } from './format';

/**
 * The adapter's name and config from our file's metadata, checking the format and version
 * first (a newer file may mean things this version cannot know about).
 */
export function readConfigMetadata(path: string, metadata: Record<string, string>): { name: string; config: AdapterConfig } {
  if (metadata.format !== FORMAT_NAME) throw new AdapterFileError(path, '__metadata__', `not a StyleInject adapter file (format '${metadata.format ?? ''}')`);
  const version = Number(metadata.format_version);
  if (!Number.isInteger(version) || version < 1) {
    throw new AdapterFileError(path, '__metadata__', `format_version '${metadata.format_version ?? ''}' is not a version number`);
  }
  if (version > FORMAT_VERSION) {
    throw new AdapterFileError(
      path,
      '__metadata__',
      `written by a newer StyleInject Studio (adapter format version ${version}; this version reads up to ${FORMAT_VERSION}): update the app to open it`,
    );
  }
  const number = (key: string, min: number): number => {
    const value = Number(metadata[key]);
    if (metadata[key] === undefined || !Number.isFinite(value) || value < min) {
      throw new AdapterFileError(path, '__metadata__', `'${key}' must be a number >= ${min}, got '${metadata[key] ?? ''}'`);
    }
    return value;
  };
  const flag = (key: string): boolean => {
    if (metadata[key] !== 'true' && metadata[key] !== 'false') {
      throw new AdapterFileError(path, '__metadata__', `'${key}' must be 'true' or 'false', got '${metadata[key] ?? ''}'`);
    }
    return metadata[key] === 'true';
  };
  const method = metadata.method as AdapterMethod;
  if (method !== 'lora' && method !== 'styleinject') {
    throw new AdapterFileError(path, '__metadata__', `method must be 'lora' or 'styleinject', got '${metadata.method ?? ''}'`);
  }
  const config: AdapterConfig = {
    method,
    rank: number('rank', 1),
    alpha: number('alpha', 0),
    k: number('k', 1),
    dma: flag('dma'),
    sta: flag('sta'),
    targets: readTargets(path, metadata.targets),
  };
  if (!Number.isInteger(config.k) || !Number.isInteger(config.rank)) throw new AdapterFileError(path, '__metadata__', 'rank and k must be integers');
  return { name: metadata.name ?? '', config };
}

function readTargets(path: string, text: string | undefined): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string')) {
    throw new AdapterFileError(path, '__metadata__', `'targets' must be a JSON array of strings, got '${text ?? ''}'`);
  }
  return parsed;
}

/** Metadata that is not part of the config: the adapter's free-form metadata. */
export function freeMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !(CONFIG_METADATA_KEYS as readonly string[]).includes(key)));
}
