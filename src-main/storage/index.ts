/**
 * The studio's storage: one SQLite database and the project folders in a data directory.
 * Plain Node (no Electron): the app, the CLI and tests open it the same way.
 */
export { openStore, DATABASE_FILE, type Store, type OpenStoreOptions } from './store';
export { openDatabase, BUSY_TIMEOUT_MS, type Db } from './db';
export { migrate, schemaVersion, type Migration } from './migrate';
export { MIGRATIONS } from './migrations';
export { resolveDataDir, APP_FOLDER_NAME, type DataDirOptions } from './data-dir';
export { acquireDataDirLock, LOCK_FILE, LOCK_OWNER_FILE, type DataDirLock, type LockOwner } from './data-dir-lock';
export { toStoredPath, fromStoredPath } from './stored-path';
export { isInsideFolder } from './inside-folder';
export { backupDatabase, type BackupProgress } from './backup';
export { writeFileAtomic, copyFileAtomic, describeWriteError, tempPathFor, DiskFullError, TEMP_MARKER } from './atomic-write';
export { nodeFileLayer, type FileLayer } from './file-layer';
export { createProject, deleteProject, projectFolder, folderSlug, PROJECTS_FOLDER, type DeleteProjectOptions } from './project-files';
export { StorageError, StorageInputError, NotFoundError } from './errors';
export { parseInput } from './input';
export { captionTags } from './repos/caption-tags';
export type { Project, NewProject, ProjectChange } from './repos/projects';
export type { Model, NewModel, ModelKind, ModelStorage } from './repos/models';
export { MODEL_KINDS } from './repos/models';
export type { Dataset, NewDataset, DatasetChange, DatasetStorage } from './repos/datasets';
export type { DatasetItem, NewDatasetItem, CaptionEdit, FocusPoint, TagCount } from './repos/dataset-items';
export type { TrainingRun, NewTrainingRun, RunStatus, RunMetric, NewRunMetric, RunCheckpoint, NewRunCheckpoint, RunSample } from './repos/training-runs';
export type { Adapter, NewAdapter } from './repos/adapters';
export type { Generation, NewGeneration, GenerationAdapter, GenerationImage } from './repos/generations';
export type { TraceRow, TracePass, TraceLayoutEntry, TraceStep } from './repos/router-traces';
export type { RouterStudy, RouterStudyImageRow, NewRouterStudy } from './repos/router-studies';
