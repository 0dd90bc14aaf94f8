import { splitAdapterLayerKey, type AdapterLayerKey } from '../adapter';

/** UNet block groups that take their own blend weight (spec section 5). */
export type BlockGroup = 'input' | 'middle' | 'output';

export type BlockWeights = Partial<Record<BlockGroup, number>>;

const groupPrefixes: [RegExp, BlockGroup][] = [
  [/^(down_blocks|conv_in)(\.|$)/, 'input'],
  [/^mid_block(\.|$)/, 'middle'],
  [/^(up_blocks|conv_out)(\.|$)/, 'output'],
];

/** The UNet block group of a layer; null for the text encoder and the UNet's time embedding / final norm. */
export function blockGroupOf(key: AdapterLayerKey): BlockGroup | null {
  const { component, modulePath } = splitAdapterLayerKey(key);
  if (component !== 'unet') return null;
  return groupPrefixes.find(([prefix]) => prefix.test(modulePath))?.[1] ?? null;
}

/** The factor a layer's weight is multiplied by: its group's block weight, else 1. */
export function blockFactor(key: AdapterLayerKey, weights: BlockWeights | undefined): number {
  const group = blockGroupOf(key);
  return group && weights ? (weights[group] ?? 1) : 1;
}
