import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromStoredPath, toStoredPath, type Adapter } from '../../storage';
import type { StudioHandlers } from '../../transport/rpc';
import type { ServiceContext } from './context';
import { adapterView } from './views';

type AdapterHandlers = Pick<StudioHandlers, 'adapters.list' | 'adapters.import' | 'adapters.remove'>;

export function adapterHandlers(ctx: ServiceContext): AdapterHandlers {
  const { store, hub, engine } = ctx;
  // The file's size and parameter count, from its header (an adapter whose file went missing shows zeros).
  const withSize = async (adapter: Adapter) => {
    const file = fromStoredPath(store.dataDir, adapter.file);
    const info = existsSync(file) ? await engine.inspectAdapter({ path: file }).catch(() => null) : null;
    return adapterView(store, adapter, { sizeBytes: info?.sizeBytes ?? 0, parameters: info?.parameters ?? 0 });
  };
  return {
    'adapters.list': async ({ projectId }) => {
      store.projects.get(projectId);
      return Promise.all(store.adapters.list(projectId).map(withSize));
    },
    'adapters.import': async ({ projectId, path, name }) => {
      store.projects.get(projectId);
      const file = resolve(path);
      const info = await engine.inspectAdapter({ path: file });
      const { method, rank, alpha, k, dma, sta, style, layers } = info;
      const adapter = store.adapters.create({
        projectId,
        name: name ?? info.name,
        file: toStoredPath(store.dataDir, file),
        method,
        settings: { rank, alpha, k, dma, sta, style, layers },
      });
      hub.emit('changed', { what: 'adapters', projectId, id: adapter.id });
      return withSize(adapter);
    },
    'adapters.remove': async ({ adapterId }) => {
      const { projectId } = store.adapters.get(adapterId);
      // The row goes; the file stays (it may be a run's checkpoint, or the artist's own download).
      store.adapters.delete(adapterId);
      hub.emit('changed', { what: 'adapters', projectId, id: adapterId });
      return { removed: true as const };
    },
  };
}
