export { loraDelta } from './lora-delta';
export { mergeLora, unmergeLora } from './merge-lora';
