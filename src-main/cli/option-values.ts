import { UsageError, type OptionValues } from './command';

/** A string flag's value, or undefined when absent. */
export function text(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A numeric flag's value (an integer unless `integer` is false), or undefined when absent; anything else is a usage error. */
export function number(values: OptionValues, name: string, integer = true): number | undefined {
  const raw = text(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new UsageError(`--${name} wants ${integer ? 'an integer' : 'a number'}, got '${raw}'`);
  return n;
}
