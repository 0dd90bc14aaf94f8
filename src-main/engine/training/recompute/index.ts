export { adapterBlockVariables, allTrainableVariables, type BlockVariables } from './block-variables';
export { recomputeBlock } from './recompute-block';
export { recomputingUNetForward, flattenBlocks, plainUNetForward, type RecomputeOptions } from './unet-forward';
