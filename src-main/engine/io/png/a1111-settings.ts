import type { InfotextValue } from './a1111-infotext';

/** What a StyleInject generation records, in A1111's terms. */
export interface GenerationSettings {
  steps: number;
  /** A1111 sampler label, e.g. 'Euler a', 'DPM++ 2M'. */
  sampler: string;
  /** e.g. 'Karras'; omitted when the sampler's own schedule is used. */
  scheduleType?: string;
  cfgScale: number;
  seed: number;
  width: number;
  height: number;
  modelHash?: string;
  model?: string;
  vaeHash?: string;
  vae?: string;
  denoisingStrength?: number;
  /** A1111's convention (1 = last layer); written only when > 1, as A1111 does. */
  clipSkip?: number;
  /** Further settings in the order given (e.g. 'Lora hashes'), after A1111's fixed keys. */
  extra?: readonly (readonly [string, InfotextValue])[];
  /** Written last, as A1111 writes its version. */
  version?: string;
}

/** The settings line's entries in the order A1111's create_infotext uses. */
export function infotextSettings(s: GenerationSettings): [string, InfotextValue | undefined][] {
  return [
    ['Steps', s.steps],
    ['Sampler', s.sampler],
    ['Schedule type', s.scheduleType],
    ['CFG scale', s.cfgScale],
    ['Seed', s.seed],
    ['Size', `${s.width}x${s.height}`],
    ['Model hash', s.modelHash],
    ['Model', s.model],
    ['VAE hash', s.vaeHash],
    ['VAE', s.vae],
    ['Denoising strength', s.denoisingStrength],
    ['Clip skip', s.clipSkip !== undefined && s.clipSkip > 1 ? s.clipSkip : undefined],
    ...(s.extra ?? []).map(([k, v]): [string, InfotextValue] => [k, v]),
    ['Version', s.version],
  ];
}

/**
 * The value of A1111's "Lora hashes" / "TI hashes": `name: hash` pairs joined by ", ", with ':'
 * and ',' removed from names so the list parses back.
 */
export function networkHashesValue(entries: readonly { name: string; hash: string }[]): string {
  return entries.map(({ name, hash }) => `${name.replace(/[:,]/g, '')}: ${hash}`).join(', ');
}

/** Reads a "Lora hashes"-style value back into its pairs. */
export function parseNetworkHashes(value: string): { name: string; hash: string }[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.includes(':'))
    .map((part) => {
      const at = part.lastIndexOf(':');
      return { name: part.slice(0, at).trim(), hash: part.slice(at + 1).trim() };
    });
}

/** Parses A1111's "Size: WxH" value. */
export function parseSize(value: string | undefined): { width: number; height: number } | undefined {
  const m = value?.match(/^(\d+)x(\d+)$/);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}
