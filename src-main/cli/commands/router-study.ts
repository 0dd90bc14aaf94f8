import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  BUILTIN_STUDY_PROMPTS,
  EMBEDDING_METHODS,
  isEmbeddingMethod,
  isSamplerName,
  SAMPLER_NAMES,
  TSNE_MAX_POINTS,
  type EmbeddingMethod,
  type EngineApi,
  type RouterStudyRequest,
  type RouterStudyResult,
  type StudyPromptSource,
} from '../../engine';
import { parseAdapterArgument } from '../adapter-argument';
import { UsageError, type Command, type OptionValues } from '../command';
import { engineFromFlags, engineHelp, engineOptions } from '../engine-options';
import { withInterrupt } from '../interrupt';
import { jobPrinter } from '../job-printer';
import { modelFromFlags, modelHelp, modelOptions } from '../model-options';
import { number, text } from '../option-values';
import { checkOutputsFree, writeStudyOutputs } from '../router-plots/study-outputs';

const STUDY_FILE = 'study.json';

/** `styleinject router-study`: a router study, its embedding and its plots, without the studio. */
export const routerStudyCommand: Command = {
  name: 'router-study',
  summary: "run prompts x seeds through a StyleInject adapter and plot what its router does (t-SNE, heat maps, branch usage)",
  usage:
    '--model <file or folder> --adapter <file>[:weight] --out <folder> [--prompts <file> | --themes a,b] [--per-theme <n>] [--seeds 2] [--seed 1] ' +
    '[--steps 20] [--cfg 7.5] [--width 512] [--height 512] [--scheduler euler_a] [--method tsne|pca|umap] [--perplexity 30] [--iterations <n>] [--layers <text> ...] | --from-study <study.json> --out <folder>',
  options: {
    ...engineOptions,
    ...modelOptions,
    adapter: { type: 'string' },
    prompts: { type: 'string' },
    themes: { type: 'string' },
    'per-theme': { type: 'string' },
    seeds: { type: 'string' },
    seed: { type: 'string' },
    steps: { type: 'string' },
    cfg: { type: 'string' },
    width: { type: 'string' },
    height: { type: 'string' },
    scheduler: { type: 'string' },
    negative: { type: 'string' },
    pass: { type: 'string' },
    method: { type: 'string' },
    perplexity: { type: 'string' },
    iterations: { type: 'string' },
    neighbors: { type: 'string' },
    layers: { type: 'string', multiple: true },
    'from-study': { type: 'string' },
    out: { type: 'string' },
    overwrite: { type: 'boolean' },
  },
  help: [
    ...modelHelp,
    '--adapter <f>[:w]    the StyleInject adapter (with DMA, K > 1) whose router is studied, at weight w (default 1)',
    `--prompts <file>     one prompt per line, or theme<TAB>prompt; default: the built-in list (${Object.keys(BUILTIN_STUDY_PROMPTS).join(', ')})`,
    '--themes a,b         only these built-in themes; --per-theme <n>: only their first n prompts',
    '--seeds, --seed      images per prompt (default 2) and the first seed (default 1); every prompt uses the same seeds',
    '--steps, --cfg       denoising steps (default 20) and CFG scale (default 7.5); --width, --height (default 512)',
    `--scheduler <name>   ${SAMPLER_NAMES.join(', ')} (default euler_a); --negative "...": a negative prompt`,
    "--pass cond|uncond   which CFG half's routes are studied (default cond, the prompt's)",
    `--method <name>      ${EMBEDDING_METHODS.join(', ')}; default tsne up to ${TSNE_MAX_POINTS} points (images x steps), umap above (t-SNE here is exact)`,
    '--perplexity, --iterations, --neighbors   t-SNE perplexity (30), iterations (t-SNE 500, UMAP epochs 200), UMAP neighbours (15)',
    '--layers <text>      embed only the routed layers whose name contains this text (repeatable), e.g. --layers attn2',
    `--from-study <file>  embed and plot a study written before (its ${STUDY_FILE}) instead of running one`,
    `--out <folder>       writes images/, ${STUDY_FILE} (the traces), embedding.json and .csv, and scatter, heatmaps and branch-usage as .svg and .png`,
    '--overwrite          replace existing files that this command did not write',
    ...engineHelp,
  ],
  async run(values) {
    const outText = text(values, 'out');
    if (!outText) throw new UsageError('--out is required: the folder the study, embedding and plots are written to');
    const out = resolve(outText);
    const method = embeddingMethod(values);
    const fromStudy = text(values, 'from-study');
    const engine = engineFromFlags(values);
    try {
      await mkdir(out, { recursive: true });
      await checkOutputsFree(out, !fromStudy, values.overwrite === true);
      const study = fromStudy ? await readStudy(fromStudy) : await runStudy(engine, values, out);
      const layers = chosenLayers(study, values);
      const points = study.images.reduce((n, image) => n + image.routes.length, 0);
      const chosen = method ?? (points <= TSNE_MAX_POINTS ? 'tsne' : 'umap');
      if (!method && chosen === 'umap') console.error(`${points} points: more than exact t-SNE takes here (${TSNE_MAX_POINTS}), so UMAP`);
      const options = { perplexity: number(values, 'perplexity', false), iterations: number(values, 'iterations'), neighbors: number(values, 'neighbors') };
      const embedding = await withInterrupt('stopping the embedding', (signal) =>
        engine.embedRoutes({ study, layers, method: chosen, options }, { signal, onEvent: jobPrinter() }),
      );
      embedding.notes.forEach((note) => console.error(note));
      const written = await writeStudyOutputs(out, study, embedding);
      written.forEach((path) => console.log(path));
      const separation = embedding.themeSeparation;
      if (separation) {
        console.error(`theme separation: ${separation.purity.toFixed(2)} of each point's ${separation.k} nearest other-prompt neighbours share its theme (chance ${separation.chance.toFixed(2)})`);
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};

function embeddingMethod(values: OptionValues): EmbeddingMethod | undefined {
  const method = text(values, 'method');
  if (method !== undefined && !isEmbeddingMethod(method)) throw new UsageError(`--method '${method}' is not one of ${EMBEDDING_METHODS.join(', ')}`);
  return method;
}

function promptSource(values: OptionValues): StudyPromptSource {
  const file = text(values, 'prompts');
  const themes = text(values, 'themes');
  if (file !== undefined && (themes !== undefined || values['per-theme'] !== undefined)) throw new UsageError('--themes and --per-theme pick from the built-in list: leave them out with --prompts');
  if (file !== undefined) return { source: 'file', path: resolve(file) };
  return { source: 'builtin', themes: themes?.split(',').map((t) => t.trim()), perTheme: number(values, 'per-theme') };
}

async function runStudy(engine: EngineApi, values: OptionValues, out: string): Promise<RouterStudyResult> {
  const adapter = text(values, 'adapter');
  if (!adapter) throw new UsageError('--adapter is required: the StyleInject adapter whose router is studied');
  const sampler = text(values, 'scheduler') ?? 'euler_a';
  if (!isSamplerName(sampler)) throw new UsageError(`--scheduler '${sampler}' is not one of ${SAMPLER_NAMES.join(', ')}`);
  const pass = text(values, 'pass') ?? 'cond';
  if (pass !== 'cond' && pass !== 'uncond') throw new UsageError(`--pass wants cond or uncond, got '${pass}'`);
  const request: RouterStudyRequest = {
    model: modelFromFlags(values),
    adapter: parseAdapterArgument(adapter),
    prompts: promptSource(values),
    seeds: number(values, 'seeds'),
    seed: number(values, 'seed'),
    steps: number(values, 'steps'),
    cfgScale: number(values, 'cfg', false),
    width: number(values, 'width'),
    height: number(values, 'height'),
    sampler,
    negativePrompt: text(values, 'negative'),
    pass,
    output: { folder: join(out, 'images'), overwrite: values.overwrite === true },
  };
  console.error((await engine.backend({})).line);
  const study = await withInterrupt('stopping after this step', (signal) => engine.routerStudy(request, { signal, onEvent: jobPrinter() }));
  // The traces first: whatever happens to the embedding, the study is kept and --from-study reuses it.
  await writeFile(join(out, STUDY_FILE), JSON.stringify(study));
  console.log(join(out, STUDY_FILE));
  return study;
}

async function readStudy(path: string): Promise<RouterStudyResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the study ${path}: ${(error as Error).message}`);
  }
  const study = parsed as RouterStudyResult;
  if (!Array.isArray(study?.images) || !Array.isArray(study.layers) || !study.summary) throw new UsageError(`${path} is not a router study written by this command (${STUDY_FILE})`);
  return study;
}

function chosenLayers(study: RouterStudyResult, values: OptionValues): string[] | undefined {
  const patterns = values.layers as string[] | undefined;
  if (!patterns?.length) return undefined;
  const layers = study.layers.filter((layer) => patterns.some((p) => layer.includes(p)));
  if (layers.length === 0) throw new UsageError(`--layers ${patterns.join(', ')} matches none of the study's ${study.layers.length} routed layers (e.g. ${study.layers[0]})`);
  return layers;
}
