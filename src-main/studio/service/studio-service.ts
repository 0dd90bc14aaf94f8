import type { StudioEventListener, StudioMode } from '../../contract';
import type { EngineApi } from '../../engine';
import type { Store } from '../../storage';
import type { StudioHandlers } from '../../transport/rpc';
import { adapterHandlers } from './adapter-handlers';
import { appHandlers } from './app-handlers';
import type { ServiceContext } from './context';
import { datasetHandlers } from './dataset-handlers';
import { EventHub } from './event-hub';
import { generationHandlers } from './generation-handlers';
import { JobRegistry } from './jobs';
import { resolveMedia } from './media';
import { modelHandlers } from './model-handlers';
import { projectHandlers } from './project-handlers';
import { routerHandlers } from './router-handlers';
import { markInterruptedRuns, runHandlers } from './run-handlers';

export interface StudioService {
  /** One function per contract method; transports validate the input, then call these. */
  handlers: StudioHandlers;
  /** Every event for every window; returns an unsubscribe. */
  subscribe(listener: StudioEventListener): () => void;
  /** The file behind a media id, or null. */
  resolveMedia(media: string): Promise<string | null>;
  /** Jobs running now (closing the app asks first when there are any). */
  runningJobs(): number;
  /** Cancels every job and closes the engine and the store. */
  close(): Promise<void>;
}

export interface StudioServiceOptions {
  store: Store;
  engine: EngineApi;
  mode: StudioMode;
  version: string;
}

/**
 * The studio's one domain service: storage and the engine joined behind the contract's
 * methods and events. The UI (over either transport) and the CLI both use it; no Electron here.
 */
export function createStudioService(options: StudioServiceOptions): StudioService {
  const hub = new EventHub();
  const ctx: ServiceContext = { ...options, hub, jobs: new JobRegistry(hub) };
  markInterruptedRuns(ctx);
  const handlers: StudioHandlers = {
    ...appHandlers(ctx),
    ...projectHandlers(ctx),
    ...modelHandlers(ctx),
    ...datasetHandlers(ctx),
    ...runHandlers(ctx),
    ...adapterHandlers(ctx),
    ...generationHandlers(ctx),
    ...routerHandlers(ctx),
  };
  return {
    handlers,
    subscribe: (listener) => hub.subscribe(listener),
    resolveMedia: async (media) => resolveMedia(ctx.store, media),
    runningJobs: () => ctx.jobs.list().length,
    close: async () => {
      ctx.jobs.cancelAll();
      await options.engine.close();
      options.store.close();
    },
  };
}
