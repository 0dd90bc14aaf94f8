import { initBackend, type BackendReport } from '../../src-main/engine/backend';

/**
 * The backend every golden case runs on: STYLEINJECT_BACKEND when set (which must then start),
 * otherwise the best one here, as users get it.
 */
export const parityBackend: BackendReport = await initBackend();
