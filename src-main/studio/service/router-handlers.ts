import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MethodArgs, RouterEmbeddingView, RouterStudySummary, RouterStudyView } from '../../contract';
import { branchRoles, BUILTIN_STUDY_PROMPTS, shortLayerName, TSNE_MAX_POINTS, type RouterStudyRequest } from '../../engine';
import { fromStoredPath, projectFolder, toStoredPath, type RouterStudy } from '../../storage';
import type { StudioHandlers } from '../../transport/rpc';
import type { ServiceContext } from './context';
import { fileMedia } from './media';
import { modelPaths } from './run-config';
import { dominantBranches, storedRoutes, traceRows } from './study-routes';

type RouterHandlers = Pick<StudioHandlers, 'router.themes' | 'router.studies' | 'router.startStudy' | 'router.study' | 'router.embed' | 'router.deleteStudy'>;

const badInput = (message: string) => Object.assign(new Error(message), { code: 'bad-input' });

/**
 * Router studies in the studio (spec section 6, the paper's Fig. 9): the engine runs the study,
 * each image is stored as a generation with its router trace, and embeddings are computed in
 * the engine process on request (kept while the studio runs: the same request draws the same
 * picture, so it is computed once).
 */
export function routerHandlers(ctx: ServiceContext): RouterHandlers {
  const { store, hub, jobs, engine } = ctx;
  const embeddings = new Map<string, RouterEmbeddingView>();

  const studyView = (study: RouterStudy): RouterStudyView => ({
    ...study,
    images: study.images.map((image) => ({ ...image, media: fileMedia(store, fromStoredPath(store.dataDir, image.file)) })),
    layerLabels: study.layers.map(shortLayerName),
    roles: study.summary.usage.map(branchRoles),
    tsneMaxPoints: TSNE_MAX_POINTS,
  });

  const studyPrompts = (args: MethodArgs<'router.startStudy'>): RouterStudyRequest['prompts'] => {
    if (args.prompts.source !== 'dataset') return args.prompts;
    const dataset = store.datasets.get(args.prompts.datasetId);
    const prompts = store.items
      .list(dataset.id)
      .filter((item) => !item.excluded && item.caption.trim() !== '')
      .map((item) => ({ prompt: item.caption, theme: dataset.name }));
    if (prompts.length === 0) throw badInput(`dataset '${dataset.name}' has no captioned images to use as prompts`);
    return { source: 'list', prompts };
  };

  return {
    'router.themes': async () => Object.entries(BUILTIN_STUDY_PROMPTS).map(([theme, prompts]) => ({ theme, prompts: [...prompts] })),
    'router.studies': async ({ projectId }) => {
      store.projects.get(projectId);
      return store.routerStudies.list(projectId).map((s): RouterStudySummary => ({ ...s, imageCount: store.routerStudies.get(s.id).images.length }));
    },
    'router.startStudy': async (args) => {
      const project = store.projects.get(args.projectId);
      const adapter = store.adapters.get(args.adapterId);
      const model = modelPaths(store, args.modelId);
      const prompts = studyPrompts(args);
      const folder = join(projectFolder(store, project), 'studies', new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14));
      await mkdir(folder, { recursive: true });
      return {
        jobId: jobs.start({
          kind: 'study',
          projectId: project.id,
          subjectId: null,
          run: async (signal, emit) => {
            const result = await engine.routerStudy(
              { model, adapter: { path: fromStoredPath(store.dataDir, adapter.file) }, prompts, seeds: args.seeds, steps: args.steps, width: args.width, height: args.height, cfgScale: args.cfgScale, output: { folder } },
              { signal, onEvent: emit },
            );
            // One transaction: the study appears whole (its generations, routes and row) or not at all.
            const study = store.db.transaction(() => {
              const images = result.images.map((image) => {
                const generation = store.generations.create({
                  projectId: project.id,
                  baseModelId: args.modelId,
                  prompt: image.prompt,
                  settings: { ...result.settings, steps: result.steps, routerStudy: true },
                  seed: image.seed,
                  adapters: [{ adapterId: adapter.id, modelId: null, name: adapter.name, weight: 1, options: {} }],
                  images: [{ file: toStoredPath(store.dataDir, image.path), seed: image.seed }],
                });
                store.routerTraces.save(generation.id, traceRows(result, image));
                return { generationId: generation.id, theme: image.theme };
              });
              return store.routerStudies.create({
                projectId: project.id,
                name: args.name ?? `${adapter.name}: ${result.themes.join(', ')}`.slice(0, 200),
                adapterId: adapter.id,
                adapterName: adapter.name,
                baseModelId: args.modelId,
                layers: result.layers,
                k: result.k,
                steps: result.steps,
                themes: result.themes,
                settings: { ...result.settings, seeds: args.seeds, pass: result.pass, timesteps: result.timesteps },
                summary: result.summary,
                images,
              });
            })();
            hub.emit('changed', { what: 'studies', projectId: project.id, id: study.id });
            hub.emit('changed', { what: 'generations', projectId: project.id });
            return studyView(study);
          },
        }),
      };
    },
    'router.study': async ({ studyId }) => studyView(store.routerStudies.get(studyId)),
    'router.embed': async (args) => {
      const study = store.routerStudies.get(args.studyId);
      const key = JSON.stringify(args);
      return {
        jobId: jobs.start({
          kind: 'embed',
          projectId: study.projectId,
          subjectId: study.id,
          run: async (signal, emit) => {
            const cached = embeddings.get(key);
            if (cached) return cached;
            const routes = study.images.map((image) => storedRoutes(store, study, image.generationId));
            const { studyId: _studyId, method, layers, ...options } = args;
            const result = await engine.embedRoutes(
              { study: { layers: study.layers, k: study.k, images: study.images.map((image, i) => ({ routes: routes[i], prompt: image.prompt, theme: image.theme })) }, layers, method, options },
              { signal, onEvent: emit },
            );
            const used = result.layers ?? study.layers;
            const sources = result.sources ?? [];
            const view: RouterEmbeddingView = {
              studyId: study.id,
              method,
              points: result.points,
              sources,
              dominant: dominantBranches(routes, sources, used.map((l) => study.layers.indexOf(l)), study.k),
              layers: used,
              notes: result.notes,
              themeSeparation: result.themeSeparation ?? null,
              elapsedMs: result.elapsedMs,
            };
            embeddings.set(key, view);
            return view;
          },
        }),
      };
    },
    'router.deleteStudy': async ({ studyId }) => {
      const study = store.routerStudies.get(studyId);
      store.db.transaction(() => {
        store.routerStudies.delete(studyId);
        for (const image of study.images) store.generations.delete(image.generationId);
      })();
      for (const image of study.images) await rm(fromStoredPath(store.dataDir, image.file), { force: true });
      for (const key of embeddings.keys()) if ((JSON.parse(key) as { studyId: number }).studyId === studyId) embeddings.delete(key);
      hub.emit('changed', { what: 'studies', projectId: study.projectId, id: studyId });
      return { deleted: true as const };
    },
  };
}
