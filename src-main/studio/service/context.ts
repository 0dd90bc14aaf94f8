import type { StudioMode } from '../../contract';
import type { EngineApi } from '../../engine';
import type { Store } from '../../storage';
import type { EventHub } from './event-hub';
import type { JobRegistry } from './jobs';

/** What every group of handlers works with. */
export interface ServiceContext {
  store: Store;
  engine: EngineApi;
  hub: EventHub;
  jobs: JobRegistry;
  mode: StudioMode;
  version: string;
}
