/**
 * Typed reads of one JSON object's fields for config validation. Every problem is recorded
 * under its dotted path (e.g. "adapter.rank: must be an integer >= 1, got 0") and a default
 * stands in, so one pass reports every mistake in the file at once.
 */

export type JsonObject = Record<string, unknown>;

export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  /** min is exclusive (> min instead of >= min). */
  above?: boolean;
}

export class FieldReader {
  constructor(
    readonly object: JsonObject,
    readonly path: string,
    private readonly problems: string[],
  ) {}

  static root(value: unknown, problems: string[]): FieldReader {
    if (!isObject(value)) {
      problems.push(`the config must be a JSON object, got ${describe(value)}`);
      return new FieldReader({}, '', problems);
    }
    return new FieldReader(value, '', problems);
  }

  problem(field: string, message: string): void {
    this.problems.push(`${this.at(field)}: ${message}`);
  }

  has(field: string): boolean {
    return this.object[field] !== undefined;
  }

  /** A nested object (missing: an empty one, so its defaults apply). */
  child(field: string): FieldReader {
    const value = this.object[field];
    if (value === undefined) return new FieldReader({}, this.at(field), this.problems);
    if (!isObject(value)) {
      this.problem(field, `must be an object, got ${describe(value)}`);
      return new FieldReader({}, this.at(field), this.problems);
    }
    return new FieldReader(value, this.at(field), this.problems);
  }

  /** A list of objects, one reader per entry (non-objects are flagged); null when the field is not a list. */
  objectList(field: string): FieldReader[] | null {
    const value = this.object[field];
    if (!Array.isArray(value)) return null;
    return value.map((entry, i) => {
      if (!isObject(entry)) this.problem(`${field}.${i}`, `must be an object, got ${describe(entry)}`);
      return new FieldReader(isObject(entry) ? entry : {}, this.at(`${field}.${i}`), this.problems);
    });
  }

  string(field: string, fallback: string, options: { nonEmpty?: boolean } = {}): string {
    const value = this.object[field];
    if (value === undefined) {
      if (options.nonEmpty && !fallback) this.problem(field, 'is required');
      return fallback;
    }
    if (typeof value !== 'string') return this.wrong(field, 'must be a string', value, fallback);
    if (options.nonEmpty && value.trim() === '') return this.wrong(field, 'must not be empty', value, fallback);
    return value;
  }

  optionalString(field: string): string | undefined {
    return this.has(field) ? this.string(field, '', { nonEmpty: true }) : undefined;
  }

  number(field: string, fallback: number, rule: NumberRule = {}): number {
    const value = this.object[field];
    if (value === undefined) return fallback;
    const { integer, min, max, above } = rule;
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!integer || Number.isSafeInteger(value)) &&
      (min === undefined || (above ? value > min : value >= min)) &&
      (max === undefined || value <= max);
    if (ok) return value;
    const range = [min !== undefined ? `${above ? '>' : '>='} ${min}` : '', max !== undefined ? `<= ${max}` : ''].filter(Boolean).join(' and ');
    return this.wrong(field, `must be ${integer ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}`, value, fallback);
  }

  boolean(field: string, fallback: boolean): boolean {
    const value = this.object[field];
    if (value === undefined) return fallback;
    return typeof value === 'boolean' ? value : this.wrong(field, 'must be true or false', value, fallback);
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback: T): T {
    const value = this.object[field];
    if (value === undefined) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.wrong(field, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value, fallback);
  }

  stringList(field: string, fallback: string[]): string[] {
    const value = this.object[field];
    if (value === undefined) return fallback;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return this.wrong(field, 'must be a list of strings', value, fallback);
    return value as string[];
  }

  numberList(field: string, fallback: number[], rule: NumberRule = {}): number[] {
    const value = this.object[field];
    if (value === undefined) return fallback;
    if (!Array.isArray(value)) return this.wrong(field, 'must be a list of numbers', value, fallback);
    const item = new FieldReader(Object.fromEntries(value.map((v, i) => [String(i), v])), this.at(field), this.problems);
    return value.map((_, i) => item.number(String(i), 0, rule));
  }

  /** Flags keys this object does not define (usually a typo that would silently fall back to a default). */
  rejectUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.object)) {
      if (!known.includes(key)) this.problem(key, `is not a setting here (known: ${known.join(', ')})`);
    }
  }

  private at(field: string): string {
    return this.path ? `${this.path}.${field}` : field;
  }

  private wrong<T>(field: string, message: string, value: unknown, fallback: T): T {
    this.problem(field, `${message}, got ${describe(value)}`);
    return fallback;
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
