import { parseArgs } from 'node:util';

/**
 * Whether `npm run bench` was asked for this section by name (--only). SD-sized sections take
 * minutes, so a plain `npm run bench` (all sections, each meant to take well under a minute)
 * skips them and says so.
 */
export function namedWithOnly(name: string): boolean {
  const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: false });
  const only = typeof values.only === 'string' ? values.only.split(',').map((s) => s.trim()) : [];
  if (!only.includes(name)) console.error(`[bench] ${name}: skipped (takes minutes); run it with --only ${name}`);
  return only.includes(name);
}
