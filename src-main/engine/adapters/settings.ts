import { badInput } from '../errors';
import type { AdapterConfig, AdapterMethod } from './adapter';

/** An adapter's settings before its targets are resolved (createAdapter records them). */
export type AdapterSettings = Omit<AdapterConfig, 'targets'>;

/** What a caller may leave out: adapterSettings fills it with the paper's choices. */
export type AdapterSettingsInput = Partial<AdapterSettings>;

/**
 * The paper's headline settings (spec section 7): StyleInject with K = 16, r = 32, DMA and STA
 * on, alpha = r. LoRA defaults to the same rank. The one place these numbers live.
 */
export const PAPER_RANK = 32;
export const PAPER_K = 16;
export const DEFAULT_METHOD: AdapterMethod = 'styleinject';

/**
 * Complete settings from partial ones: method StyleInject unless told, r = 32, alpha = r,
 * StyleInject with DMA and STA on and K = 16 (K = 1 without DMA), LoRA with neither.
 */
export function adapterSettings(input: AdapterSettingsInput = {}): AdapterSettings {
  const method = input.method ?? DEFAULT_METHOD;
  const rank = input.rank ?? PAPER_RANK;
  const styleinject = method === 'styleinject';
  const dma = input.dma ?? styleinject;
  return {
    method,
    rank,
    alpha: input.alpha ?? rank,
    k: input.k ?? (dma ? PAPER_K : 1),
    dma,
    sta: input.sta ?? styleinject,
  };
}

/** What decides an adapter's size and math; alpha only scales it. */
export type AdapterShapeSettings = Omit<AdapterSettings, 'alpha'>;

/** Rejects settings the layer math does not define, naming the field (alpha when given). */
export function checkAdapterSettings(s: AdapterShapeSettings & { alpha?: number }): void {
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw badInput(`adapter ${name} must be a positive integer, got ${v}`);
  };
  if (s.method !== 'lora' && s.method !== 'styleinject') throw badInput(`adapter method must be 'lora' or 'styleinject', got '${String(s.method)}'`);
  positiveInt('rank', s.rank);
  positiveInt('K', s.k);
  if (s.alpha !== undefined && (!(s.alpha > 0) || !Number.isFinite(s.alpha))) throw badInput(`adapter alpha must be a positive number, got ${s.alpha}`);
  if (s.method === 'lora' && (s.dma || s.sta || s.k !== 1)) throw badInput('a LoRA adapter has K = 1 and neither DMA nor STA: use method styleinject for those');
  if (s.k > 1 && !s.dma) throw badInput(`K = ${s.k} parallel down matrices need DMA's router (dma: true), or use K = 1`);
}

/** Plain LoRA math (spec section 1): no router and no AdaIN, whatever the method is called. */
export function isPlainLora(s: Pick<AdapterSettings, 'dma' | 'sta'>): boolean {
  return !s.dma && !s.sta;
}

/** "DMA and STA", "DMA", ...: what makes an adapter more than a LoRA, for messages. */
export function styleInjectParts(s: Pick<AdapterSettings, 'dma' | 'sta' | 'k'>): string {
  return [s.dma && 'DMA', s.sta && 'STA'].filter(Boolean).join(' and ') || `K = ${s.k}`;
}
