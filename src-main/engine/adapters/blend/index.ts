export { attachAdapters, type AdapterEntry, type AdapterSession, type AttachOptions } from './session';
export { BlendWrapper, type BlendSlot } from './blend-wrapper';
export { blockGroupOf, blockFactor, type BlockGroup, type BlockWeights } from './block-groups';
