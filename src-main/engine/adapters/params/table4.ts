import type { AdapterModels } from '../base';
import { countAdapterParams, type AdapterParamCount } from './count-adapter';
import { adapterSettings, PAPER_RANK, type AdapterShapeSettings } from '../settings';

/** The paper's targets (Sec. IV): to_q and to_v of attn1 and attn2 in all 16 transformer blocks. */
export const PAPER_TARGETS = ['attention-qv'];

/** The rows of the paper's Table IV: LoRA at three ranks, StyleInject (DMA + STA) at three K, r = 32. */
export const TABLE_IV_ROWS: { label: string; settings: AdapterShapeSettings }[] = [
  ...[PAPER_RANK, 128, 512].map((rank) => ({ label: `LoRA r=${rank}`, settings: adapterSettings({ method: 'lora', rank }) })),
  ...[1, 4, 16].map((k) => ({ label: `StyleInject K=${k}, r=${PAPER_RANK}`, settings: adapterSettings({ method: 'styleinject', k }) })),
];

/** Table IV's #Param column: millions with two decimals, as the paper prints it. */
export const formatMillions = (count: number): string => `${(count / 1e6).toFixed(2)}M`;

/** Every Table IV row counted on the paper's targets. */
export function table4(models: AdapterModels): { label: string; count: AdapterParamCount }[] {
  return TABLE_IV_ROWS.map(({ label, settings }) => ({ label, count: countAdapterParams(models, settings, PAPER_TARGETS) }));
}
