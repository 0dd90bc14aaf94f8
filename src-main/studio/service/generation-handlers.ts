import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GenerationJobResult } from '../../contract';
import { readImageParameters, type AdapterUse, type GenerateResult } from '../../engine';
import { fromStoredPath, projectFolder, toStoredPath, type GenerationAdapter } from '../../storage';
import type { MethodArgs } from '../../contract';
import type { StudioHandlers } from '../../transport/rpc';
import type { ServiceContext } from './context';
import { modelPaths } from './run-config';
import { generationView } from './views';

type GenerationHandlers = Pick<StudioHandlers, 'generations.list' | 'generations.start' | 'generations.delete' | 'generations.readParameters'>;
type MixEntry = MethodArgs<'generations.start'>['adapters'][number];

export function generationHandlers(ctx: ServiceContext): GenerationHandlers {
  const { store, hub, jobs, engine } = ctx;

  /** A mixer entry as the engine takes it, and as the generation records it. */
  const resolveAdapter = (entry: MixEntry): { use: AdapterUse; record: Omit<GenerationAdapter, 'options'> & { options: Record<string, unknown> } } => {
    const options = { ...(entry.blockWeights && { blockWeights: entry.blockWeights }), ...(entry.steps && { steps: entry.steps }) };
    if (entry.adapterId !== undefined) {
      const adapter = store.adapters.get(entry.adapterId);
      return { use: { path: fromStoredPath(store.dataDir, adapter.file), weight: entry.weight, ...options }, record: { adapterId: adapter.id, modelId: null, name: adapter.name, weight: entry.weight, options } };
    }
    const model = store.models.get(entry.modelId as number);
    if (model.kind !== 'lora') throw Object.assign(new Error(`model ${model.name} is a ${model.kind}, not a LoRA`), { code: 'bad-input' });
    return { use: { path: fromStoredPath(store.dataDir, model.path), weight: entry.weight, ...options }, record: { adapterId: null, modelId: model.id, name: model.name, weight: entry.weight, options } };
  };

  return {
    'generations.list': async ({ projectId, limit, offset }) => {
      store.projects.get(projectId);
      return store.generations.list(projectId, limit, offset).map((g) => generationView(store, g));
    },
    'generations.start': async (args) => {
      const project = store.projects.get(args.projectId);
      const model = modelPaths(store, args.modelId);
      const mix = args.adapters.map(resolveAdapter);
      const folder = join(projectFolder(store, project), 'generations');
      await mkdir(folder, { recursive: true });
      const stem = `${new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 17)}-${Math.random().toString(36).slice(2, 6)}`;
      const jobId = jobs.start({
        kind: 'generate',
        projectId: project.id,
        subjectId: null,
        run: async (signal, emit): Promise<GenerationJobResult> => {
          const result: GenerateResult = await engine.generate(
            {
              model,
              prompt: args.prompt,
              negativePrompt: args.negativePrompt,
              steps: args.steps,
              cfgScale: args.cfgScale,
              seed: args.seed,
              width: args.width,
              height: args.height,
              sampler: args.sampler,
              batch: args.batch,
              clipSkip: args.clipSkip,
              adapters: mix.map((m) => m.use),
              traceRouter: args.traceRouter,
              previewEvery: 1,
              output: { path: join(folder, `${stem}.png`) },
            },
            { signal, onEvent: emit },
          );
          const generation = store.generations.create({
            projectId: project.id,
            baseModelId: args.modelId,
            prompt: args.prompt,
            negativePrompt: args.negativePrompt,
            settings: { steps: args.steps, cfgScale: args.cfgScale, width: args.width, height: args.height, sampler: args.sampler, batch: args.batch, clipSkip: args.clipSkip },
            seed: result.seed,
            adapters: mix.map((m) => m.record),
            images: result.images.map((image) => ({ file: toStoredPath(store.dataDir, image.path), seed: image.seed })),
          });
          if (result.routerTrace) store.routerTraces.save(generation.id, result.routerTrace);
          hub.emit('changed', { what: 'generations', projectId: project.id, id: generation.id });
          return { generation: generationView(store, generation), parameters: result.images.map((i) => i.parameters), engine: { notes: result.notes, elapsedMs: result.elapsedMs } };
        },
      });
      return { jobId };
    },
    'generations.delete': async ({ generationId }) => {
      const generation = store.generations.get(generationId);
      store.generations.delete(generationId);
      for (const image of generation.images) await rm(fromStoredPath(store.dataDir, image.file), { force: true });
      hub.emit('changed', { what: 'generations', projectId: generation.projectId, id: generationId });
      return { deleted: true as const };
    },
    'generations.readParameters': async ({ pngBase64 }) => {
      try {
        return readImageParameters(new Uint8Array(Buffer.from(pngBase64, 'base64'))) ?? null;
      } catch {
        return null;
      }
    },
  };
}
