import type { AdapterSettings } from '../config-check';

export interface StyleInjectOptions {
  /** r (the paper: 32). */
  rank: number;
  /** Parallel down matrices (the paper's headline setting: 16); 1 without DMA. Default 16 with DMA, else 1. */
  k?: number;
  /** Dynamic multi-style adaptation, spec section 2 (default on). */
  dma?: boolean;
  /** Style transfer via AdaIN, spec section 3 (default on). */
  sta?: boolean;
  /** Scale s = alpha / r; alpha = r (s = 1) in the paper, the default. */
  alpha?: number;
}

/** StyleInject settings; dma = sta = false is numerically a LoRA. */
export function styleInjectSettings(o: StyleInjectOptions): AdapterSettings {
  const dma = o.dma ?? true;
  return { method: 'styleinject', rank: o.rank, alpha: o.alpha ?? o.rank, k: o.k ?? (dma ? 16 : 1), dma, sta: o.sta ?? true };
}
