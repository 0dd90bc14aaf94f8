/** JSON columns hold objects; a row written by this app always parses, so a failure is a bug worth a loud error. */
export function readJsonObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`expected a JSON object in the database, found ${text.slice(0, 80)}`);
  return value as Record<string, unknown>;
}
