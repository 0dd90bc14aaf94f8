import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ImportSummary } from '../../contract';
import { projectFolder, writeFileAtomic } from '../../storage';
import type { StudioHandlers } from '../../transport/rpc';
import { deleteDataset, editCaptions, exportKohyaFolder, importImages, type ImportReport } from '../datasets';
import type { ServiceContext } from './context';
import { datasetView, itemView, itemViews } from './views';

type DatasetHandlers = Pick<
  StudioHandlers,
  | 'datasets.list'
  | 'datasets.create'
  | 'datasets.update'
  | 'datasets.delete'
  | 'datasets.importPaths'
  | 'datasets.importUpload'
  | 'datasets.items'
  | 'datasets.setCaption'
  | 'datasets.editCaptions'
  | 'datasets.setExcluded'
  | 'datasets.setFocus'
  | 'datasets.tags'
  | 'datasets.exportKohya'
>;

const summary = (report: ImportReport): ImportSummary => ({ imported: report.imported.length, skipped: report.skipped });

export function datasetHandlers(ctx: ServiceContext): DatasetHandlers {
  const { store, hub, jobs } = ctx;
  const changed = (datasetId: number) => {
    const { projectId } = store.datasets.get(datasetId);
    hub.emit('changed', { what: 'datasets', projectId, id: datasetId });
    hub.emit('changed', { what: 'items', projectId, id: datasetId });
  };
  const datasetOfItems = (itemIds: readonly number[]) => [...new Set(itemIds.map((id) => store.items.get(id).datasetId))];

  return {
    'datasets.list': async ({ projectId }) => {
      store.projects.get(projectId);
      return store.datasets.list(projectId).map((d) => datasetView(store, d));
    },
    'datasets.create': async (input) => {
      const dataset = store.datasets.create(input);
      changed(dataset.id);
      return datasetView(store, dataset);
    },
    'datasets.update': async ({ datasetId, ...change }) => {
      const dataset = store.datasets.update(datasetId, change);
      changed(datasetId);
      return datasetView(store, dataset);
    },
    'datasets.delete': async ({ datasetId }) => {
      const { projectId } = store.datasets.get(datasetId);
      await deleteDataset(store, datasetId);
      hub.emit('changed', { what: 'datasets', projectId, id: datasetId });
      return { deleted: true as const };
    },
    'datasets.importPaths': async ({ datasetId, paths }) => {
      const { projectId } = store.datasets.get(datasetId);
      return {
        jobId: jobs.start({
          kind: 'import',
          projectId,
          subjectId: datasetId,
          run: async (signal, emit) => {
            const started = Date.now();
            const report = await importImages(store, {
              datasetId,
              sources: paths,
              signal,
              onProgress: (p) => {
                const elapsedMs = Date.now() - started;
                emit({ type: 'progress', phase: 'prepare', step: p.done, total: p.total, elapsedMs, etaMs: (elapsedMs / p.done) * (p.total - p.done), message: `${p.outcome}: ${p.path}` });
                if (p.done % 25 === 0 || p.done === p.total) changed(datasetId);
              },
            });
            changed(datasetId);
            return summary(report);
          },
        }),
      };
    },
    'datasets.importUpload': async ({ datasetId, fileName, dataBase64, caption }) => {
      const dataset = store.datasets.get(datasetId);
      // The browser gives bytes, not paths: they land in the project's uploads/ and import from there.
      const folder = join(projectFolder(store, store.projects.get(dataset.projectId)), 'uploads');
      await mkdir(folder, { recursive: true });
      const safeName = `${Date.now()}-${basename(fileName).replace(/[^\w.-]+/g, '_')}`;
      const file = join(folder, safeName);
      await writeFileAtomic(file, Buffer.from(dataBase64, 'base64'), store.files);
      const captionFile = `${file.slice(0, file.length - extname(file).length)}.txt`;
      if (caption) await writeFile(captionFile, caption);
      try {
        const report = await importImages(store, { datasetId, sources: [file] });
        changed(datasetId);
        return summary({ ...report, skipped: report.skipped.map((s) => ({ ...s, path: fileName })) });
      } finally {
        await rm(captionFile, { force: true });
        // A copying dataset keeps its own copy; a referencing one keeps the upload as the original.
        if (dataset.storage === 'copy') await rm(file, { force: true });
      }
    },
    'datasets.items': async ({ datasetId }) => itemViews(store, datasetId),
    'datasets.setCaption': async ({ itemId, caption }) => {
      store.items.setCaptions([{ id: itemId, caption }]);
      const item = store.items.get(itemId);
      changed(item.datasetId);
      return itemView(store, item);
    },
    'datasets.editCaptions': async (input) => {
      const count = editCaptions(store, input);
      changed(input.datasetId);
      return { changed: count };
    },
    'datasets.setExcluded': async ({ itemIds, excluded }) => {
      const datasets = datasetOfItems(itemIds);
      store.items.setExcluded(itemIds, excluded);
      datasets.forEach(changed);
      return { changed: itemIds.length };
    },
    'datasets.setFocus': async ({ itemId, focus }) => {
      store.items.setFocus(itemId, focus);
      const item = store.items.get(itemId);
      changed(item.datasetId);
      return itemView(store, item);
    },
    'datasets.tags': async ({ datasetId }) => store.items.tagFrequency(datasetId),
    'datasets.exportKohya': async ({ datasetId, folder }) => {
      const exported = await exportKohyaFolder(store, datasetId, folder);
      return { folder: exported.folder, images: exported.images };
    },
  };
}
