import { resolve } from 'node:path';
import { isSamplerName, SAMPLER_NAMES, type GenerateRequest } from '../../engine';
import { parseAdapterArgument } from '../adapter-argument';
import { UsageError, type Command } from '../command';
import { engineFromFlags, engineHelp, engineOptions } from '../engine-options';
import { jobPrinter } from '../job-printer';
import { modelFromFlags, modelHelp, modelOptions } from '../model-options';
import { withInterrupt } from '../interrupt';
import { number, text } from '../option-values';

/** `styleinject generate`: txt2img from a checkpoint to PNG files with A1111 parameters. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'text to image with a Stable Diffusion 1.5 checkpoint, written as PNG with its settings',
  usage:
    '--model <file or folder> --prompt "..." --out <file.png> [--negative "..."] [--steps 20] [--cfg 7.5] [--seed <n>] ' +
    '[--width 512] [--height 512] [--scheduler euler_a] [--batch 1] [--clip-skip 1] [--config <folder or json>] [--tokenizer <folder>] [--vae <file or folder>] ' +
    '[--adapter <file>[:weight] ...] [--merge-loras] [--trace-router] [--overwrite]',
  options: {
    ...engineOptions,
    ...modelOptions,
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
    ...modelHelp,
    '--prompt, --negative prompt and negative prompt; A1111 emphasis (word:1.2), (word), [word]; long prompts are kept whole',
    '--steps, --cfg       denoising steps (default 20) and CFG scale (default 7.5)',
    '--seed <n>           seed of the first image (default: random; the seed used is printed and written into the PNG)',
    '--width, --height    image size in pixels, multiples of 8 (default 512)',
    '--batch, --clip-skip images per run (image i uses seed + i; default 1) and A1111 clip skip (default 1)',
    `--scheduler <name>   ${SAMPLER_NAMES.join(', ')} (default euler_a)`,
    '--out <file.png>     where to write (PNG only); a batch writes name-1.png, name-2.png ...',
    '--overwrite          replace an existing file even if it is not an image generated here',
    '--adapter <f>[:w]    blend an adapter (ours, kohya or diffusers/PEFT LoRA) at weight w (default 1); repeatable',
    '--merge-loras        merge plain LoRAs into the weights: faster steps, fixed weight',
    "--trace-router       write every routed layer's probabilities per step to <out>.router.json",
    ...engineHelp,
  ],
  async run(values) {
    const model = modelFromFlags(values);
    const prompt = text(values, 'prompt');
    const out = text(values, 'out');
    if (prompt === undefined) throw new UsageError('--prompt is required');
    if (!out) throw new UsageError('--out is required');
    const sampler = text(values, 'scheduler') ?? 'euler_a';
    if (!isSamplerName(sampler)) throw new UsageError(`--scheduler '${sampler}' is not one of ${SAMPLER_NAMES.join(', ')}`);
    const traceRouter = values['trace-router'] === true;
    const overwrite = values.overwrite === true;
    const tracePath = traceRouter ? `${resolve(out).replace(/\.png$/i, '')}.router.json` : undefined;
    const request: GenerateRequest = {
      model,
      prompt,
      negativePrompt: text(values, 'negative') ?? '',
      steps: number(values, 'steps'),
      cfgScale: number(values, 'cfg', false),
      seed: number(values, 'seed'),
      width: number(values, 'width'),
      height: number(values, 'height'),
      batch: number(values, 'batch'),
      clipSkip: number(values, 'clip-skip'),
      sampler,
      adapters: ((values.adapter as string[] | undefined) ?? []).map(parseAdapterArgument),
      mergeLoras: values['merge-loras'] === true,
      traceRouter,
      output: { path: out, overwrite, routerTracePath: tracePath },
    };

    const engine = engineFromFlags(values);
    console.error((await engine.backend({})).line);
    const result = await withInterrupt('stopping after this step', (signal) => engine.generate(request, { signal, onEvent: jobPrinter() }));
    for (const image of result.images) console.log(image.path);
    console.error(`seed ${result.seed}${result.images.length > 1 ? ` (image i used seed + i)` : ''}`);
    if (tracePath) console.log(tracePath);
    await engine.close();
    return 0;
  },
};
