import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { encodePngWithInfotext, infotextSettings } from '../../engine/io/png';
import { applyAdapters, parseAdapterArgument } from '../../engine/pipelines/adapter-mix';
import { loadStableDiffusion } from '../../engine/pipelines/stable-diffusion';
import { txt2img } from '../../engine/pipelines/txt2img';
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

/** image.png -> image.png for one image, image-1.png, image-2.png ... for a batch. */
function outputPaths(out: string, count: number): string[] {
  if (count === 1) return [out];
  const ext = extname(out);
  return Array.from({ length: count }, (_, i) => `${out.slice(0, out.length - ext.length)}-${i + 1}${ext}`);
}

/** `styleinject generate`: txt2img from a checkpoint to PNG files with A1111 parameters. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'text to image with a Stable Diffusion 1.5 checkpoint, written as PNG with its settings',
  usage:
    '--model <file or folder> --prompt "..." --out <file.png> [--negative "..."] [--steps 20] [--cfg 7.5] [--seed 1] ' +
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
    '--steps, --cfg, --seed, --width, --height, --batch, --clip-skip   as in A1111 (batch image i uses seed + i)',
    `--scheduler <name>   ${SAMPLER_NAMES.join(', ')} (default euler_a)`,
    '--out <file.png>     where to write; a batch writes name-1.png, name-2.png ...',
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
        const bar = progressBar('sampling');
        const result = await txt2img(sd, { ...request, adapters: mix.session ?? undefined, onProgress: (p) => bar(p.step, p.steps, p.etaMs, p.elapsedMs) });
        const paths = outputPaths(resolve(out), result.images.length);
        mkdirSync(dirname(paths[0]), { recursive: true });
        result.images.forEach((image, i) => {
          const settings = infotextSettings({ ...result.settings, seed: result.seeds[i], extra: mix.infotext });
          const png = encodePngWithInfotext(image, { prompt: result.prompt + mix.promptSuffix, negativePrompt: result.negativePrompt, settings });
          writeFileSync(paths[i], png);
          console.log(paths[i]);
        });
        if (result.routerTrace) {
          const tracePath = `${resolve(out).replace(/\.png$/i, '')}.router.json`;
          writeFileSync(tracePath, JSON.stringify({ seeds: result.seeds, steps: request.steps, rows: result.routerTrace }));
          console.log(tracePath);
        }
      } finally {
        mix.dispose();
      }
      return 0;
    } finally {
      sd.dispose();
    }
  },
};
