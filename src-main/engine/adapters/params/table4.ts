import type { AdapterModels } from '../base';
import { countAdapterParams, type AdapterParamCount } from './count-adapter';
import type { ParamSettings } from './count-layer';

/** The paper's targets (Sec. IV): to_q and to_v of attn1 and attn2 in all 16 transformer blocks. */
export const PAPER_TARGETS = ['attention-qv'];

/** The rows of the paper's Table IV: LoRA at three ranks, StyleInject (DMA + STA) at three K, r = 32. */
export const TABLE_IV_ROWS: { label: string; settings: ParamSettings }[] = [
  ...[32, 128, 512].map((rank) => ({ label: `LoRA r=${rank}`, settings: { method: 'lora' as const, rank, k: 1, dma: false, sta: false } })),
  ...[1, 4, 16].map((k) => ({ label: `StyleInject K=${k}, r=32`, settings: { method: 'styleinject' as const, rank: 32, k, dma: true, sta: true } })),
];

/** Table IV's #Param column: millions with two decimals, as the paper prints it. */
export const formatMillions = (count: number): string => `${(count / 1e6).toFixed(2)}M`;

/** Every Table IV row counted on the paper's targets. */
export function table4(models: AdapterModels): { label: string; count: AdapterParamCount }[] {
  return TABLE_IV_ROWS.map(({ label, settings }) => ({ label, count: countAdapterParams(models, settings, PAPER_TARGETS) }));
}
