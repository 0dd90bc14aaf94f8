import { mkdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { inspectAdapterFile } from '../adapters/files';
import { toTsneVectors } from '../analysis/router-trace-tsne';
import { routeSummary } from '../analysis/router-study/route-summary';
import { resolveStudyPrompts, type StudyPrompt } from '../analysis/router-study/study-prompts';
import { badInput } from '../errors';
import { applyAdapters } from '../pipelines/adapter-mix';
import type { StableDiffusion } from '../pipelines/stable-diffusion';
import { txt2img } from '../pipelines/txt2img';
import { writeGeneratedPngs } from '../pipelines/txt2img/generated-png';
import type { EngineEventListener } from './events';
import { planImageOutputs } from '../io/image-outputs';
import type { RouterStudyImage, RouterStudyRequest, RouterStudyResult } from './router-types';

export interface RouterStudyContext {
  /** The loaded base model (the engine's cache loads it on first use). */
  model: () => Promise<StableDiffusion>;
  emit: EngineEventListener<RouterStudyResult>;
  signal?: AbortSignal;
}

interface PlannedImage extends StudyPrompt {
  seed: number;
  path: string;
}

/**
 * A router study (spec section 6): every prompt times every seed through one StyleInject
 * adapter with DMA, one image at a time, recording every routed layer's probabilities at every
 * step. Each image is written as a generated PNG as it finishes; the routes come back compact
 * (per image, steps x layers*K). Inputs and output files are checked before the model loads.
 */
export async function routerStudyJob(request: RouterStudyRequest, ctx: RouterStudyContext): Promise<RouterStudyResult> {
  const started = Date.now();
  const prompts = await resolveStudyPrompts(request.prompts);
  const settings = checkSettings(request);
  await checkRoutingAdapter(request.adapter?.path);
  const plan = await planImages(prompts, settings.seeds, request.output);

  ctx.emit({ type: 'progress', phase: 'load', step: 0, total: 1, message: `loading ${request.model.path}` });
  const sd = await ctx.model();
  ctx.emit({ type: 'progress', phase: 'load', step: 1, total: 1 });
  const mix = await applyAdapters(sd, [{ path: request.adapter.path, weight: request.adapter.weight ?? 1 }], { recordRoutes: true });
  const images: RouterStudyImage[] = [];
  let layers: string[] = [];
  let timesteps: number[] = [];
  let size = { width: 0, height: 0 };
  try {
    const trace = mix.session?.routerTrace;
    if (!trace) throw badInput(`${request.adapter.path} routes nothing on this model: a study needs a StyleInject adapter with DMA`);
    const total = plan.length * settings.steps;
    const denoiseStarted = Date.now();
    for (const [index, item] of plan.entries()) {
      const result = await txt2img(sd, {
        prompt: item.prompt,
        negativePrompt: settings.negativePrompt,
        steps: settings.steps,
        cfgScale: settings.cfgScale,
        seed: item.seed,
        width: request.width,
        height: request.height,
        sampler: settings.sampler,
        signal: ctx.signal,
        adapters: mix.session ?? undefined,
        onProgress: (p) => {
          const done = index * settings.steps + p.step;
          const elapsedMs = Date.now() - denoiseStarted;
          ctx.emit({
            type: 'progress',
            phase: 'denoise',
            step: done,
            total,
            elapsedMs,
            etaMs: (elapsedMs / done) * (total - done),
            item: { index, count: plan.length, step: p.step, steps: p.steps, label: item.prompt },
          });
        },
      });
      await writeGeneratedPngs(result, [item.path], { promptSuffix: mix.promptSuffix, settings: mix.infotext });
      const routes = toTsneVectors(result.routerTrace ?? [], { pass: settings.pass, ...(layers.length > 0 && { layers }) });
      trace.clear(); // this image's rows are in `routes` now; the trace would otherwise grow with the study
      if (layers.length === 0) {
        layers = routes.layers;
        timesteps = routes.points.map((p) => p.timestep);
        size = { width: result.settings.width, height: result.settings.height };
      }
      images.push({ prompt: item.prompt, theme: item.theme, seed: item.seed, path: item.path, routes: routes.vectors.map((v) => Array.from(v)) });
    }
  } finally {
    mix.dispose();
  }
  const k = images[0].routes[0].length / layers.length;
  const study = { layers, k, images };
  return {
    adapter: { path: resolve(request.adapter.path), name: basename(request.adapter.path, extname(request.adapter.path)) },
    ...study,
    pass: settings.pass,
    steps: settings.steps,
    timesteps,
    themes: [...new Set(images.map((i) => i.theme))],
    summary: routeSummary(study),
    settings: { ...size, cfgScale: settings.cfgScale, sampler: settings.sampler, negativePrompt: settings.negativePrompt },
    elapsedMs: Date.now() - started,
  };
}

function checkSettings(request: RouterStudyRequest) {
  const seeds = request.seeds ?? 2;
  const first = request.seed ?? 1;
  const steps = request.steps ?? 20;
  const cfgScale = request.cfgScale ?? 7.5;
  const pass = request.pass ?? 'cond';
  if (!(Number.isInteger(seeds) && seeds > 0)) throw badInput(`seeds per prompt must be a positive integer, got ${seeds}`);
  if (!(Number.isInteger(first) && first >= 0 && first + seeds <= 2 ** 32)) throw badInput(`the first seed must be an integer in [0, 2^32 - seeds], got ${first}`);
  if (!(Number.isInteger(steps) && steps > 0)) throw badInput(`steps must be a positive integer, got ${steps}`);
  if (pass !== 'cond' && pass !== 'uncond') throw badInput(`the routes' pass must be 'cond' or 'uncond', got '${String(pass)}'`);
  if (pass === 'uncond' && cfgScale === 1) throw badInput('CFG scale 1 runs no unconditional pass: record the cond pass, or raise the CFG scale');
  return {
    seeds: Array.from({ length: seeds }, (_, i) => first + i),
    steps,
    cfgScale,
    pass,
    sampler: request.sampler ?? 'euler_a',
    negativePrompt: request.negativePrompt ?? '',
  };
}

/** From the file's header: a study needs a style router, so LoRA and StyleInject without DMA are refused before any work. */
async function checkRoutingAdapter(path: string | undefined): Promise<void> {
  if (typeof path !== 'string' || path === '') throw badInput('a router study needs an adapter file: give the StyleInject adapter to study');
  const info = await inspectAdapterFile(path);
  if (info.method !== 'styleinject' || !info.dma || info.k < 2) {
    const what = info.method !== 'styleinject' ? 'a plain LoRA' : !info.dma ? 'a StyleInject adapter without DMA' : 'a StyleInject adapter with K = 1';
    throw badInput(`${path} is ${what}, which has no style router to study: choose a StyleInject adapter trained with DMA and K > 1`);
  }
}

/** 001-portraits-s1.png ...: the output folder is created, and every file is checked before the model loads. */
async function planImages(prompts: StudyPrompt[], seeds: number[], output: RouterStudyRequest['output']): Promise<PlannedImage[]> {
  if (typeof output?.folder !== 'string' || output.folder === '') throw badInput('a router study needs an output folder for its images');
  const folder = resolve(output.folder);
  await mkdir(folder, { recursive: true });
  const count = prompts.length * seeds.length;
  const digits = Math.max(3, String(count).length);
  const slug = (theme: string) => theme.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'theme';
  const plan = prompts.flatMap((p, i) =>
    seeds.map((seed, j) => ({ ...p, seed, path: join(folder, `${String(i * seeds.length + j + 1).padStart(digits, '0')}-${slug(p.theme)}-s${seed}.png`) })),
  );
  for (const image of plan) await planImageOutputs({ path: image.path, count: 1, overwrite: output.overwrite === true });
  return plan;
}
