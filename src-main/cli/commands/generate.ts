import { planImageOutputs, writeImageOutput, writeRouterTraceOutput } from '../../engine/io/image-outputs';
import { encodePngWithInfotext, infotextSettings } from '../../engine/io/png';
import { applyAdapters, parseAdapterArgument } from '../../engine/pipelines/adapter-mix';
import { loadStableDiffusion } from '../../engine/pipelines/stable-diffusion';
import { checkTxt2ImgSettings, txt2img } from '../../engine/pipelines/txt2img';
import { isSamplerName, SAMPLER_NAMES } from '../../engine/schedulers';
import { UsageError, type Command, type OptionValues } from '../command';
import { engineHelp, engineOptions, startBackend } from '../engine-options';
import { progressBar } from '../progress-bar';

function text(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

function number(values: OptionValues, name: string, fallback: number, integer = true): number {
  const raw = text(values, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new UsageError(`--${name} wants ${integer ? 'an integer' : 'a number'}, got '${raw}'`);
  return n;
}

/** `styleinject generate`: txt2img from a checkpoint to PNG files with A1111 parameters. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'text to image with a Stable Diffusion 1.5 checkpoint, written as PNG with its settings',
  usage:
    '--model <file or folder> --prompt "..." --out <file.png> [--overwrite] [--negative "..."] [--steps 20] [--cfg 7.5] [--seed <random>] ' +
    '[--width 512] [--height 512] [--scheduler euler_a] [--batch 1] [--clip-skip 1] [--config <folder or json>] [--tokenizer <folder>] [--vae <file or folder>] ' +
    '[--adapter <file>[:weight] ...] [--merge-loras] [--trace-router]',
  options: {
    ...engineOptions,
    model: { type: 'string' },
    config: { type: 'string' },
    tokenizer: { type: 'string' },
    vae: { type: 'string' },
    prompt: { type: 'string' },
    negative: { type: 'string' },
    steps: { type: 'string' },
    cfg: { type: 'string' },
    seed: { type: 'string' },
    width: { type: 'string' },
    height: { type: 'string' },
    scheduler: { type: 'string' },
    batch: { type: 'string' },
    'clip-skip': { type: 'string' },
    out: { type: 'string' },
    overwrite: { type: 'boolean' },
    adapter: { type: 'string', multiple: true },
    'merge-loras': { type: 'boolean' },
    'trace-router': { type: 'boolean' },
  },
  help: [
    '--model <path>       single-file .safetensors checkpoint or diffusers folder',
    '--config <path>      diffusers folder or config JSON for what shapes cannot tell (head count, norm groups)',
    "--tokenizer <path>   CLIP tokenizer folder (vocab.json + merges.txt) or bpe_simple_vocab_16e6.txt.gz; default: the model folder's tokenizer/",
    '--vae <path>         use this VAE instead of the checkpoint\'s',
    '--prompt, --negative prompt and negative prompt; A1111 emphasis (word:1.2), (word), [word]; long prompts are kept whole',
    '--steps, --cfg, --width, --height, --batch, --clip-skip   as in A1111 (defaults 20, 7.5, 512, 512, 1, 1)',
    '--seed <n>           seed of the first image (default: random, printed when sampling starts); batch image i uses seed + i',
    `--scheduler <name>   ${SAMPLER_NAMES.join(', ')} (default euler_a)`,
    '--out <file.png>     where to write (PNG); a batch writes name-1.png, name-2.png ... The folder must exist',
    '--overwrite          replace existing files that are not images this app wrote (those are always replaced)',
    '--adapter <f>[:w]    blend an adapter (ours, kohya or diffusers/PEFT LoRA) at weight w (default 1); repeatable',
    '--merge-loras        merge plain LoRAs into the weights: faster steps, fixed weight',
    '--trace-router       write every routed layer\'s probabilities per step to <out>.router.json',
    ...engineHelp,
  ],
  async run(values) {
    const model = text(values, 'model');
    const prompt = text(values, 'prompt');
    const out = text(values, 'out');
    if (!model) throw new UsageError('--model is required');
    if (prompt === undefined) throw new UsageError('--prompt is required');
    if (!out) throw new UsageError('--out is required');
    const sampler = text(values, 'scheduler') ?? 'euler_a';
    if (!isSamplerName(sampler)) throw new UsageError(`--scheduler '${sampler}' is not one of ${SAMPLER_NAMES.join(', ')}`);
    const request = {
      prompt,
      negativePrompt: text(values, 'negative') ?? '',
      steps: number(values, 'steps', 20),
      cfgScale: number(values, 'cfg', 7.5, false),
      seed: number(values, 'seed', Math.floor(Math.random() * 2 ** 32)),
      width: number(values, 'width', 512),
      height: number(values, 'height', 512),
      batch: number(values, 'batch', 1),
      clipSkip: number(values, 'clip-skip', 1),
      sampler,
    };
    // Settings and output files are checked before any work: a mistake costs seconds, not a run.
    checkTxt2ImgSettings(request);
    const outputs = await planImageOutputs({ path: out, count: request.batch, routerTrace: values['trace-router'] === true, overwrite: values.overwrite === true });

    const backend = await startBackend(values);
    console.error(backend.line);
    const configPath = text(values, 'config');
    const sd = await loadStableDiffusion(model, {
      config: configPath,
      tokenizerPath: text(values, 'tokenizer'),
      vaePath: text(values, 'vae'),
    });
    const adapterArgs = (values.adapter as string[] | undefined) ?? [];
    try {
      const mix = await applyAdapters(sd, adapterArgs.map(parseAdapterArgument), {
        mergeLoras: values['merge-loras'] === true,
        recordRoutes: values['trace-router'] === true,
      });
      try {
        console.error(`seed ${request.seed}${request.batch > 1 ? ` (image i uses ${request.seed} + i)` : ''}`);
        const bar = progressBar('sampling');
        const result = await txt2img(sd, { ...request, adapters: mix.session ?? undefined, onProgress: (p) => bar(p.step, p.steps, p.etaMs, p.elapsedMs) });
        for (const [i, image] of result.images.entries()) {
          const settings = infotextSettings({ ...result.settings, seed: result.seeds[i], extra: mix.infotext });
          const png = encodePngWithInfotext(image, { prompt: result.prompt + mix.promptSuffix, negativePrompt: result.negativePrompt, settings });
          console.log(await writeImageOutput(outputs, i, png));
        }
        if (result.routerTrace) console.log(await writeRouterTraceOutput(outputs, { seeds: result.seeds, steps: request.steps, rows: result.routerTrace }));
      } finally {
        mix.dispose();
      }
      return 0;
    } finally {
      sd.dispose();
    }
  },
};
