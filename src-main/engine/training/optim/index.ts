export { AdamW, ADAMW_DEFAULTS, type AdamWHyperparameters, type AdamWOptions, type AdamWState } from './adamw';
export { clipGradientsByGlobalNorm, type ClippedGradients } from './clip-grad-norm';
export { GradientAccumulator } from './gradient-accumulator';
export { learningRateAt, type LrSchedule } from './lr-schedule';
export { disposeNamed, type NamedTensors, type NamedVariables } from './named-tensors';
