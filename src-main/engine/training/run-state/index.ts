export { writeFileAtomic } from '../../io/atomic-file';
export { fileSystemWriter, type RunStateWriter } from './run-state-io';
export { runStateName, runStatePaths, isRunStateName, LATEST_FILE } from './run-state-files';
export { RunStateSaveError, type SaveStage } from './errors';
export { listRunStates, type RunStateEntry } from './list-run-states';
export { pruneRunStates } from './prune-run-states';
export { saveRunState, type SaveRunStateOptions } from './save-run-state';
export { disposeTrainingState, loadLatestRunState, loadRunState, type LoadedRunState } from './load-run-state';
export type { RunStateSidecar, TrainingState } from './training-state';
