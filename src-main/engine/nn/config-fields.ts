/**
 * Reading a diffusers config.json into a typed config: known fields are type checked and
 * fill defaults; fields that change the architecture in ways the engine does not model must
 * keep their neutral value, else loading stops with a message naming the field.
 */

export type FieldKind =
  | 'number'
  | 'boolean'
  | 'string'
  | 'number[]'
  | 'string[]'
  | 'number|null'
  | 'number|number[]'
  | 'boolean|boolean[]';

function isKind(value: unknown, kind: FieldKind): boolean {
  const isArrayOf = (type: string) => Array.isArray(value) && value.every((v) => typeof v === type);
  switch (kind) {
    case 'number':
    case 'boolean':
    case 'string':
      return typeof value === kind;
    case 'number[]':
      return isArrayOf('number');
    case 'string[]':
      return isArrayOf('string');
    case 'number|null':
      return value === null || typeof value === 'number';
    case 'number|number[]':
      return typeof value === 'number' || isArrayOf('number');
    case 'boolean|boolean[]':
      return typeof value === 'boolean' || isArrayOf('boolean');
  }
}

export interface ConfigSchema<T> {
  /** Used in error messages, e.g. "UNet config". */
  label: string;
  defaults: T;
  kinds: { [K in keyof T]: FieldKind };
  /** Fields we read only to refuse: the one value (usually null/false) the engine supports. */
  neutral: Record<string, unknown>;
}

export function configFrom<T extends object>(json: unknown, schema: ConfigSchema<T>): T {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${schema.label}: expected a JSON object`);
  }
  const source = json as Record<string, unknown>;
  const config = { ...schema.defaults };
  for (const key of Object.keys(schema.kinds) as (keyof T & string)[]) {
    const value = source[key];
    if (value === undefined) continue;
    if (!isKind(value, schema.kinds[key])) {
      throw new Error(`${schema.label}: ${key} must be ${schema.kinds[key]}, got ${JSON.stringify(value)}`);
    }
    config[key] = value as T[typeof key];
  }
  for (const [key, supported] of Object.entries(schema.neutral)) {
    const value = source[key];
    if (value !== undefined && value !== supported) {
      throw new Error(`${schema.label}: ${key} = ${JSON.stringify(value)} is not supported (only ${JSON.stringify(supported)})`);
    }
  }
  return config;
}

/** A per-block field given as one value for all blocks or as one value per block. */
export function perBlock<V>(value: V | V[], blocks: number, field: string): V[] {
  if (!Array.isArray(value)) return Array.from({ length: blocks }, () => value);
  if (value.length !== blocks) throw new Error(`${field} has ${value.length} entries for ${blocks} blocks`);
  return value;
}

/** Throws when a string field holds a value outside the supported set. */
export function requireOneOf(label: string, field: string, values: readonly string[], allowed: readonly string[]): void {
  const bad = values.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw new Error(`${label}: ${field} '${bad}' is not supported (supported: ${allowed.join(', ')})`);
}
