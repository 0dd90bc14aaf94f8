import type { z } from 'zod';
import { StorageInputError } from './errors';

/**
 * Validates input with a zod schema. On failure the error names every offending field
 * (`dataset.name: ...`), so a UI can point at it and a CLI user knows which flag to fix.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return { field, text: field ? `'${field}': ${issue.message}` : issue.message };
  });
  const first = problems[0]?.field ?? '';
  throw new StorageInputError(first, `${what}: ${problems.map((p) => p.text).join('; ')}`);
}
