/**
 * AUTOMATIC1111's "infotext", stored in a PNG text chunk keyed `parameters`:
 *
 *   <prompt, may span lines>
 *   Negative prompt: <negative, may span lines>      (line omitted when empty)
 *   Steps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 1, Size: 512x512, ...
 *
 * The last line is an ordered `key: value` list joined by ", "; values holding ',', ':' or a
 * newline are written as JSON strings (e.g. Lora hashes: "a: 0123, b: 4567").
 */

export type InfotextValue = string | number | boolean;

export interface A1111Infotext {
  prompt: string;
  negativePrompt: string;
  /** The settings line in written order, values unquoted. */
  settings: [string, string][];
}

export const INFOTEXT_KEYWORD = 'parameters';

/** Python's str() for the values A1111 writes (booleans print as True/False). */
function pythonStr(value: InfotextValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/** A1111's quote(): JSON-encode only when the value would break the `k: v, k: v` line. */
export function quoteInfotextValue(value: InfotextValue): string {
  const text = pythonStr(value);
  return /[,:\n]/.test(text) ? JSON.stringify(text) : text;
}

/** A1111's unquote(): undo quoteInfotextValue, leaving malformed quotes as they are. */
export function unquoteInfotextValue(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? parsed : text;
  } catch {
    return text;
  }
}

/**
 * Writes an infotext. Settings whose value is null/undefined are left out (as A1111 drops None),
 * and a setting whose value equals its key is written as the bare key.
 */
export function formatInfotext(info: {
  prompt: string;
  negativePrompt?: string;
  settings: readonly (readonly [string, InfotextValue | null | undefined])[];
}): string {
  const line = info.settings
    .filter((s): s is readonly [string, InfotextValue] => s[1] !== null && s[1] !== undefined)
    .map(([key, value]) => (key === pythonStr(value) ? key : `${key}: ${quoteInfotextValue(value)}`))
    .join(', ');
  const negative = info.negativePrompt ? `\nNegative prompt: ${info.negativePrompt}` : '';
  return `${info.prompt}${negative}\n${line}`.trim();
}

// A1111's re_param, with Python's Unicode \w spelled out for JavaScript.
const SETTING = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;

function settingsOf(line: string): [string, string][] {
  return [...line.matchAll(SETTING)].map((m) => [m[1], m[2].startsWith('"') && m[2].endsWith('"') ? unquoteInfotextValue(m[2]) : m[2]]);
}

/**
 * Reads an infotext as A1111's parse_generation_parameters does: the last line is the settings
 * line only if it holds at least 3 `key: value` pairs; lines from "Negative prompt:" on are the
 * negative prompt.
 */
export function parseInfotext(text: string): A1111Infotext {
  const lines = text.trim().split('\n');
  let settingsLine = lines.pop() ?? '';
  if (settingsOf(settingsLine).length < 3) {
    lines.push(settingsLine);
    settingsLine = '';
  }
  const prompt: string[] = [];
  const negative: string[] = [];
  let inNegative = false;
  for (const raw of lines) {
    let line = raw.trim();
    if (line.startsWith('Negative prompt:')) {
      inNegative = true;
      line = line.slice('Negative prompt:'.length).trim();
    }
    (inNegative ? negative : prompt).push(line);
  }
  return { prompt: prompt.join('\n'), negativePrompt: negative.join('\n'), settings: settingsOf(settingsLine) };
}

/** The value of one setting, or undefined when the infotext does not state it. */
export function infotextSetting(info: A1111Infotext, key: string): string | undefined {
  return info.settings.find(([k]) => k === key)?.[1];
}
