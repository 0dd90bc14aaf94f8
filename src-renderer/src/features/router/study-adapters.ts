import type { AdapterView } from '../../../../src-main/contract';

/**
 * Why an adapter cannot be studied, or null when it can. A study reads the style router, which
 * only a StyleInject adapter with DMA and more than one branch has (training's defaults for
 * StyleInject: DMA on, K = 4, so a setting left out counts as those).
 */
export function whyNoRouter(adapter: AdapterView): string | null {
  if (adapter.method !== 'styleinject') return 'a LoRA has no style router';
  if (adapter.settings.dma === false) return 'trained without DMA, so it has no style router';
  const k = adapter.settings.k;
  if (typeof k === 'number' && k < 2) return 'K = 1: a single branch, nothing to route between';
  return null;
}
