import { readJsonObject } from './json-column';

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * A row as a typed object: snake_case columns become camelCase fields, and the fields named
 * in `convert` go through their converter (JSON text, 0/1 flags). The schema and the type are
 * written side by side in each repository; this only spares the field-by-field copying.
 */
export function fromRow<T>(row: unknown, convert: Record<string, (value: unknown) => unknown> = {}): T {
  const entries = Object.entries(row as Record<string, unknown>).map(([column, value]) => {
    const field = camel(column);
    return [field, field in convert ? convert[field](value) : value];
  });
  return Object.fromEntries(entries) as T;
}

export const jsonObject = (value: unknown) => readJsonObject(String(value));
export const isOne = (value: unknown) => value === 1;
