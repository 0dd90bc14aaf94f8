import { resolve } from 'node:path';
import { backupDatabase } from '../../storage';
import type { StudioHandlers } from '../../transport/rpc';
import type { ServiceContext } from './context';

type AppHandlers = Pick<StudioHandlers, 'app.info' | 'app.backup' | 'jobs.list' | 'jobs.cancel'>;

export function appHandlers(ctx: ServiceContext): AppHandlers {
  const { store, engine, jobs } = ctx;
  let backendLine: string | null = null;
  return {
    'app.info': async () => {
      // The engine process starts with the first job; the backend line is cached once known.
      if (!backendLine && jobs.list().length === 0) backendLine = (await engine.backend({}).catch(() => null))?.line ?? null;
      return { version: ctx.version, dataDir: store.dataDir, backend: backendLine, loadedModels: await engine.loadedModels({}), mode: ctx.mode };
    },
    'app.backup': async ({ to }) => {
      const path = resolve(to);
      await backupDatabase(store.db, path);
      return { path };
    },
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
