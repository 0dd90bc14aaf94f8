import { badInput } from '../errors';
import { applyAdapters } from '../pipelines/adapter-mix';
import type { StableDiffusion } from '../pipelines/stable-diffusion';
import { checkTxt2ImgSettings, txt2img } from '../pipelines/txt2img';
import { generatedPngs } from '../pipelines/txt2img/generated-png';
import { latentPreviews } from '../pipelines/txt2img/latent-preview';
import type { EngineEventListener } from './events';
import { planImageOutputs, writeImageOutput, writeRouterTraceOutput } from '../io/image-outputs';
import type { GenerateRequest, GenerateResult } from './types';

export interface GenerateContext {
  /** The loaded base model (the engine's cache loads it on first use). */
  model: () => Promise<StableDiffusion>;
  emit: EngineEventListener<GenerateResult>;
  signal?: AbortSignal;
}

/**
 * One generation: the output paths checked before any work, the model from the cache, the
 * adapters applied (and taken off again), the sampler loop with progress and previews, and the
 * PNGs written with their A1111 parameters.
 */
export async function generateJob(request: GenerateRequest, ctx: GenerateContext): Promise<GenerateResult> {
  const { model: _model, adapters, mergeLoras, traceRouter, previewEvery = 0, output, ...settings } = request;
  if (typeof settings.prompt !== 'string') throw badInput('prompt must be text');
  const batch = settings.batch ?? 1;
  // Sizes, steps and batch, then the output files: checked before the model loads.
  checkTxt2ImgSettings({ ...settings, batch });
  const overwrite = output.overwrite === true;
  const routerTracePath = traceRouter ? output.routerTracePath : undefined;
  const outputs = await planImageOutputs({ path: output.path, count: batch, overwrite, ...(routerTracePath && { routerTracePath }) });
  const started = Date.now();
  ctx.emit({ type: 'progress', phase: 'load', step: 0, total: 1, message: `loading ${request.model.path}` });
  const sd = await ctx.model();
  ctx.emit({ type: 'progress', phase: 'load', step: 1, total: 1 });

  const mix = await applyAdapters(sd, adapters ?? [], { mergeLoras, recordRoutes: traceRouter });
  try {
    for (const note of mix.notes) ctx.emit({ type: 'log', level: 'info', message: note });
    if (traceRouter && !mix.routes) throw badInput('nothing to trace: router traces need a StyleInject adapter with DMA (a style router), and none of the adapters given has one');
    const result = await txt2img(sd, {
      ...settings,
      batch,
      signal: ctx.signal,
      adapters: mix.session ?? undefined,
      onProgress: (p) => ctx.emit({ type: 'progress', phase: 'denoise', step: p.step, total: p.steps, etaMs: p.etaMs, elapsedMs: p.elapsedMs }),
      ...(previewEvery > 0 && {
        onLatents: async (step, latents) => {
          if (step % previewEvery === 0) ctx.emit({ type: 'preview', step, total: settings.steps ?? 20, images: await latentPreviews(latents) });
        },
      }),
    });
    const pngs = generatedPngs(result, { promptSuffix: mix.promptSuffix, settings: mix.infotext });
    for (const [i, png] of pngs.entries()) await writeImageOutput(outputs, i, png.bytes);
    if (outputs.routerTrace && result.routerTrace) await writeRouterTraceOutput(outputs, { seeds: result.seeds, steps: result.settings.steps, rows: result.routerTrace });
    return {
      images: result.images.map((image, i) => ({ path: outputs.images[i], seed: result.seeds[i], width: image.width, height: image.height, parameters: pngs[i].parameters })),
      seed: result.seeds[0],
      notes: mix.notes,
      ...(result.routerTrace && { routerTrace: result.routerTrace }),
      elapsedMs: Date.now() - started,
    };
  } finally {
    mix.dispose();
  }
}
