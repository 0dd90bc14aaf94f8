import type { StudioMode } from '../contract';
import { createEngineClient } from '../engine-host/engine-client';
import type { EngineSpawner } from '../engine-host/protocol';
import { openStore, resolveDataDir } from '../storage';
import { createStudioService, type StudioService } from '../studio/service/studio-service';

export const APP_VERSION = '0.1.0';

export interface OpenStudioOptions {
  /** Explicit data directory (--data-dir); default the platform's app-data place. */
  dataDir?: string;
  /** How the engine process starts: utilityProcess in Electron, fork elsewhere. */
  spawnEngine: EngineSpawner;
  mode: StudioMode;
}

/**
 * The studio behind either host: the data directory's store (locked for this process), the
 * engine in its own process, and the service joining them. The same in Electron and in
 * browser mode; only the transport in front differs.
 */
export function openStudio(options: OpenStudioOptions): { service: StudioService; dataDir: string } {
  const dataDir = resolveDataDir({ explicit: options.dataDir });
  const store = openStore({ dataDir });
  try {
    const engine = createEngineClient(options.spawnEngine);
    return { service: createStudioService({ store, engine, mode: options.mode, version: APP_VERSION }), dataDir };
  } catch (error) {
    store.close();
    throw error;
  }
}
