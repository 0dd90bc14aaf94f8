export type { TrainingConfig, TrainingTask, AdapterRunSettings, AugmentSettings, DreamBoothSettings, SampleSettings, CheckpointSettings, ModelSettings } from './config';
export { parseTrainingConfig, TrainingConfigError } from './config-parse';
export type { TrainingEvent, TrainingEventListener, MemoryReport } from './events';
export { train, type TrainOptions, type TrainingResult } from './trainer';
export { builtInObjective, type ObjectiveFactory } from './objective-factory';
export { outputLayout, type OutputLayout } from './output-layout';
export { encodeCaptions } from '../../pipelines/prompt/encode-captions';
