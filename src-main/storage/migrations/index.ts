import type { Migration } from '../migrate';
import { migration as projectsAndModels } from './0001-projects-and-models';
import { migration as datasets } from './0002-datasets';
import { migration as trainingRuns } from './0003-training-runs';
import { migration as adaptersAndGenerations } from './0004-adapters-and-generations';
import { migration as routerTraces } from './0005-router-traces';
import { migration as routerStudies } from './0006-router-studies';

/** Every schema step in order; a new one is a new file appended here. */
export const MIGRATIONS: readonly Migration[] = [projectsAndModels, datasets, trainingRuns, adaptersAndGenerations, routerTraces, routerStudies];
