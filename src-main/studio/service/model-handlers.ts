import { rm } from 'node:fs/promises';
import { fromStoredPath } from '../../storage';
import type { StudioHandlers } from '../../transport/rpc';
import { addModelByPath, addModelFromUrl, attachTokenizer, inspectModel } from '../models';
import type { ServiceContext } from './context';
import { modelView } from './views';

type ModelHandlers = Pick<StudioHandlers, 'models.list' | 'models.inspect' | 'models.addPath' | 'models.addUrl' | 'models.setTokenizer' | 'models.remove'>;

export function modelHandlers(ctx: ServiceContext): ModelHandlers {
  const { store, hub, jobs } = ctx;
  const changed = (id?: number) => hub.emit('changed', { what: 'models', id });
  return {
    'models.list': async () => store.models.list().map((m) => modelView(store, m)),
    'models.inspect': async ({ path }) => {
      const detection = await inspectModel(path);
      return { ...detection.details, kind: detection.kind, format: detection.format, notes: detection.notes };
    },
    'models.addPath': async ({ path, copy, name }) => {
      const added = await addModelByPath(store, { path, copy, name });
      changed(added.model.id);
      return modelView(store, added.model);
    },
    'models.addUrl': async ({ url, sha256, name }) => ({
      jobId: jobs.start({
        kind: 'download',
        projectId: null,
        subjectId: null,
        run: async (signal, emit) => {
          const started = Date.now();
          const added = await addModelFromUrl(store, {
            url,
            sha256,
            name,
            signal,
            onProgress: ({ receivedBytes, totalBytes }) => {
              const elapsedMs = Date.now() - started;
              const etaMs = totalBytes ? (elapsedMs / Math.max(1, receivedBytes)) * (totalBytes - receivedBytes) : undefined;
              emit({ type: 'progress', phase: 'load', step: receivedBytes, total: totalBytes ?? 0, elapsedMs, etaMs, message: `downloading ${url}` });
            },
          });
          changed(added.model.id);
          return modelView(store, added.model);
        },
      }),
    }),
    'models.setTokenizer': async ({ modelId, tokenizerId }) => {
      const model = tokenizerId === null ? store.models.setTokenizer(modelId, null) : attachTokenizer(store, modelId, tokenizerId);
      changed(modelId);
      return modelView(store, model);
    },
    'models.remove': async ({ modelId }) => {
      const model = store.models.get(modelId);
      store.models.remove(modelId);
      // Only what the library holds itself is deleted; a referenced model stays where the artist keeps it.
      if (model.storage !== 'reference') await rm(fromStoredPath(store.dataDir, model.path), { recursive: true, force: true });
      changed(modelId);
      return { removed: true as const };
    },
  };
}
