import type { AdapterConfig } from './adapter';

/** An adapter config before its targets are resolved (createAdapter records them). */
export type AdapterSettings = Omit<AdapterConfig, 'targets'>;

/** Rejects settings the layer math does not define, naming the field. */
export function checkAdapterSettings(s: AdapterSettings): void {
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`adapter ${name} must be a positive integer, got ${v}`);
  };
  positiveInt('rank', s.rank);
  positiveInt('K', s.k);
  if (!(s.alpha > 0) || !Number.isFinite(s.alpha)) throw new Error(`adapter alpha must be a positive number, got ${s.alpha}`);
  if (s.method === 'lora' && (s.dma || s.sta || s.k !== 1)) throw new Error('a LoRA adapter has K = 1 and neither DMA nor STA');
  if (s.k > 1 && !s.dma) throw new Error(`K = ${s.k} parallel down matrices need DMA's router (dma: true), or use K = 1`);
}
