export { adapterBlockVariables, allTrainableVariables, type BlockVariables } from './block-variables';
export { checkpointBlock } from './recompute-block';
export { checkpointedUNetForward, flattenBlocks, plainUNetForward, type CheckpointingOptions } from './unet-forward';
