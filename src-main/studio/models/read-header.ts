import { SafetensorsReader } from '../../engine';

export interface SafetensorsHeaderInfo {
  keys: string[];
  shapes: ReadonlyMap<string, readonly number[]>;
  dtypes: ReadonlyMap<string, string>;
  metadata: Record<string, string>;
}

/**
 * The tensor names, shapes and metadata of a .safetensors file, read from its header alone
 * (the engine's reader validates the header and never touches the weights here).
 */
export async function readSafetensorsHeader(path: string): Promise<SafetensorsHeaderInfo> {
  const reader = await SafetensorsReader.open(path);
  try {
    const keys = reader.keys();
    const entries = keys.map((key) => reader.entry(key));
    return {
      keys,
      shapes: new Map(entries.map((e) => [e.name, e.shape])),
      dtypes: new Map(entries.map((e) => [e.name, e.dtype])),
      metadata: reader.metadata,
    };
  } finally {
    await reader.close();
  }
}
