import type { AdapterSettings } from '../config-check';

export interface LoraOptions {
  /** r. */
  rank: number;
  /** Scale s = alpha / r; the paper trains with alpha = r (s = 1), the default. */
  alpha?: number;
}

/** A LoRA (spec section 1): K = 1, no router, no STA. */
export function loraSettings(o: LoraOptions): AdapterSettings {
  return { method: 'lora', rank: o.rank, alpha: o.alpha ?? o.rank, k: 1, dma: false, sta: false };
}
