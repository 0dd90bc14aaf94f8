import { initBackend, type BackendReport } from '../../src-main/engine/backend';
import type { Tolerance } from './golden';
import { toleranceOn } from './backend-tolerance';

/**
 * The backend every golden case runs on: STYLEINJECT_BACKEND when set (which must then start),
 * otherwise the best one here, as users get it.
 */
export const parityBackend: BackendReport = await initBackend();

/** A manifest tolerance as it applies on the parity backend (see backend-tolerance.ts). */
export function tolerance(manifest: Tolerance): Tolerance {
  return toleranceOn(parityBackend.backend, manifest);
}
