import type { ChangeTopic, MethodName } from '../../../src-main/contract';

/** Which calls' cached answers each `changed` topic makes stale. */
export const STALE_AFTER: Record<ChangeTopic, readonly MethodName[]> = {
  projects: ['projects.list'],
  models: ['models.list'],
  datasets: ['datasets.list'],
  items: ['datasets.items', 'datasets.tags', 'datasets.list'],
  runs: ['runs.list', 'runs.get'],
  // A checkpoint used as an adapter shows on the run's monitor too.
  adapters: ['adapters.list', 'runs.get'],
  generations: ['generations.list'],
  studies: ['router.studies', 'router.study'],
};
