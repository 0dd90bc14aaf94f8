import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { openDatabase, type Db } from './db';
import { StorageError } from './errors';
import { nodeFileLayer, type FileLayer } from './file-layer';
import { AdapterRepository } from './repos/adapters';
import { DatasetItemRepository } from './repos/dataset-items';
import { DatasetRepository } from './repos/datasets';
import { GenerationRepository } from './repos/generations';
import { ModelRepository } from './repos/models';
import { ProjectRepository } from './repos/projects';
import { RouterStudyRepository } from './repos/router-studies';
import { RouterTraceRepository } from './repos/router-traces';
import { TrainingRunRepository } from './repos/training-runs';
import { sweepTempFiles } from './sweep-temp-files';

export const DATABASE_FILE = 'studio.sqlite';

export interface OpenStoreOptions {
  dataDir: string;
  /** How files are written; tests hand in one that fails like a full disk. */
  files?: FileLayer;
}

/** An open data directory: its lock, its database and one repository per table group. */
export interface Store {
  readonly dataDir: string;
  readonly db: Db;
  readonly files: FileLayer;
  readonly projects: ProjectRepository;
  readonly models: ModelRepository;
  readonly datasets: DatasetRepository;
  readonly items: DatasetItemRepository;
  readonly runs: TrainingRunRepository;
  readonly adapters: AdapterRepository;
  readonly generations: GenerationRepository;
  readonly routerTraces: RouterTraceRepository;
  readonly routerStudies: RouterStudyRepository;
  close(): void;
}

/**
 * Opens the data directory for this process: creates it if needed, takes its lock (a second
 * process is refused with the holder's pid), opens and migrates the database, and clears
 * temporary files an earlier, killed process left behind.
 */
export function openStore(options: OpenStoreOptions): Store {
  const { dataDir } = options;
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (cause) {
    throw new StorageError(`${dataDir}: cannot create the data directory (${(cause as Error).message}); choose another with --data-dir`, { cause });
  }
  const lock: DataDirLock = acquireDataDirLock(dataDir);
  let db: Db;
  try {
    db = openDatabase(join(dataDir, DATABASE_FILE));
    sweepTempFiles(dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    dataDir,
    db,
    files: options.files ?? nodeFileLayer,
    projects: new ProjectRepository(db),
    models: new ModelRepository(db),
    datasets: new DatasetRepository(db),
    items: new DatasetItemRepository(db),
    runs: new TrainingRunRepository(db),
    adapters: new AdapterRepository(db),
    generations: new GenerationRepository(db),
    routerTraces: new RouterTraceRepository(db),
    routerStudies: new RouterStudyRepository(db),
    close() {
      if (db.open) db.close();
      lock.release();
    },
  };
}
