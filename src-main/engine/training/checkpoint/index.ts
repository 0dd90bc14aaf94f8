export { writeFileAtomic } from '../../io/atomic-file';
export { fileSystemWriter, type CheckpointWriter } from './checkpoint-io';
export { checkpointName, checkpointPaths, isCheckpointName, LATEST_FILE } from './checkpoint-files';
export { CheckpointSaveError, type SaveStage } from './errors';
export { listCheckpoints, type CheckpointEntry } from './list-checkpoints';
export { pruneCheckpoints } from './prune-checkpoints';
export { saveTrainingCheckpoint, type SaveCheckpointOptions } from './save-checkpoint';
export { disposeTrainingState, loadLatestCheckpoint, loadTrainingCheckpoint, type LoadedCheckpoint } from './load-checkpoint';
export type { CheckpointSidecar, TrainingState } from './training-state';
