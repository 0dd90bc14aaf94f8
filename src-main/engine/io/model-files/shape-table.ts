import { ModelFileError } from './errors';

/** Tensor shapes by key, read from headers only (no tensor data), component prefix removed. */
export type ShapeTable = ReadonlyMap<string, readonly number[]>;

/** The shape of `key`, or a clear error naming what the config inference needed. */
export function shapeOf(table: ShapeTable, key: string, component: string): readonly number[] {
  const shape = table.get(key);
  if (!shape) {
    throw new ModelFileError(
      `cannot infer the ${component} config from the checkpoint: it has no '${key}' (not a Stable Diffusion ${component}? pass a config)`,
    );
  }
  return shape;
}

/** The distinct numbers N of keys `${prefix}N.…`, ascending (the entries of a ModuleList). */
export function childIndices(table: ShapeTable, prefix: string): number[] {
  const found = new Set<number>();
  for (const key of table.keys()) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length).split('.', 1)[0]);
    if (Number.isInteger(index)) found.add(index);
  }
  return [...found].sort((a, b) => a - b);
}
