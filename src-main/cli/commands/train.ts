import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEFAULT_METHOD, PAPER_K, PAPER_RANK, TARGET_PRESETS } from '../../engine';
import { UsageError, type Command, type OptionValues } from '../command';
import { engineFromFlags, engineHelp, engineOptions } from '../engine-options';
import { withInterrupt } from '../interrupt';
import { jobPrinter } from '../job-printer';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A flag that sets one config field: where it goes and how its text becomes a value. */
interface Override {
  flag: string;
  path: string[];
  kind: 'path' | 'string' | 'integer' | 'number' | 'list';
  help: string;
}

const OVERRIDES: Override[] = [
  { flag: 'model', path: ['model', 'path'], kind: 'path', help: 'base model: single-file checkpoint or diffusers folder' },
  { flag: 'tokenizer', path: ['model', 'tokenizer'], kind: 'path', help: "CLIP tokenizer folder (default: the model folder's tokenizer/)" },
  { flag: 'vae', path: ['model', 'vae'], kind: 'path', help: "a VAE to use instead of the checkpoint's" },
  { flag: 'data', path: ['dataset'], kind: 'path', help: 'image folder (captions in .txt files; kohya N_name folders repeat)' },
  { flag: 'out', path: ['output'], kind: 'path', help: 'output folder: checkpoints/, adapters/, samples/, cache/, the final adapter' },
  { flag: 'task', path: ['task'], kind: 'string', help: 'finetune (default), dreambooth or distill' },
  { flag: 'teacher', path: ['distill', 'teacher'], kind: 'path', help: 'distill: the teacher checkpoint (a community model)' },
  { flag: 'teacher-tokenizer', path: ['distill', 'teacherTokenizer'], kind: 'path', help: "distill: the teacher's own tokenizer (its own text encoder: output KD only)" },
  { flag: 'prompts', path: ['distill', 'pairedPrompts'], kind: 'path', help: 'distill: prompt file (teacher<TAB>student per line, or one prompt per line)' },
  { flag: 'method', path: ['adapter', 'method'], kind: 'string', help: `styleinject or lora (default ${DEFAULT_METHOD}, the paper's)` },
  { flag: 'rank', path: ['adapter', 'rank'], kind: 'integer', help: `adapter rank r (default ${PAPER_RANK})` },
  { flag: 'alpha', path: ['adapter', 'alpha'], kind: 'number', help: 'LoRA alpha: scale alpha/r (default: the rank)' },
  { flag: 'k', path: ['adapter', 'k'], kind: 'integer', help: `StyleInject parallel down matrices K (default ${PAPER_K} with DMA)` },
  { flag: 'targets', path: ['adapter', 'targets'], kind: 'list', help: `layers to adapt: presets ${Object.keys(TARGET_PRESETS).join(', ')} or module patterns (default attention-qv)` },
  { flag: 'name', path: ['adapter', 'name'], kind: 'string', help: 'adapter name (file names)' },
  { flag: 'steps', path: ['maxSteps'], kind: 'integer', help: 'optimizer steps (default 1000)' },
  { flag: 'lr', path: ['lr'], kind: 'number', help: 'learning rate (default 1e-4)' },
  { flag: 'schedule', path: ['schedule'], kind: 'string', help: 'constant (default) or cosine' },
  { flag: 'warmup', path: ['warmupSteps'], kind: 'integer', help: 'linear warm-up steps (default 0)' },
  { flag: 'resolution', path: ['resolution'], kind: 'integer', help: 'training resolution, a multiple of 8 (default 512)' },
  { flag: 'batch', path: ['batchSize'], kind: 'integer', help: 'images per micro-batch (default 1)' },
  { flag: 'accum', path: ['gradientAccumulation'], kind: 'integer', help: 'micro-batches per optimizer step (default 1)' },
  { flag: 'seed', path: ['seed'], kind: 'integer', help: 'seed of the data order, noise and adapter init (default 42)' },
  { flag: 'trigger', path: ['augment', 'triggerWord'], kind: 'string', help: 'trigger word put first in every caption' },
  { flag: 'checkpoint-every', path: ['checkpoints', 'every'], kind: 'integer', help: 'checkpoint + adapter file every N steps (default 100)' },
  { flag: 'keep-last', path: ['checkpoints', 'keepLast'], kind: 'integer', help: 'training checkpoints kept (default 3)' },
  { flag: 'sample-every', path: ['samples', 'every'], kind: 'integer', help: 'sample images every N steps (default 0: never)' },
  { flag: 'sample-prompt', path: ['samples', 'prompts'], kind: 'list', help: 'a sample prompt (repeat the flag for several)' },
];

// Flag names padded to the longest plus two spaces, so help columns never run together.
const FLAG_WIDTH = Math.max(...OVERRIDES.map((o) => o.flag.length)) + 2;

function valueOf(override: Override, raw: string | boolean | (string | boolean)[]): unknown {
  const texts = (Array.isArray(raw) ? raw : [raw]).map(String);
  const text = texts[texts.length - 1];
  switch (override.kind) {
    case 'path':
      return resolve(text);
    case 'string':
      return text;
    case 'list':
      return texts;
    case 'integer':
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || (override.kind === 'integer' && !Number.isInteger(n))) {
        throw new UsageError(`--${override.flag} wants ${override.kind === 'integer' ? 'an integer' : 'a number'}, got '${text}'`);
      }
      return n;
    }
  }
}

/** Sets config[path] = value, creating the objects on the way (replacing a non-object there). */
function setPath(config: JsonObject, path: string[], value: unknown): void {
  let at = config;
  for (const key of path.slice(0, -1)) {
    if (!isObject(at[key])) at[key] = {};
    at = at[key] as JsonObject;
  }
  at[path[path.length - 1]] = value;
}

async function readConfigFile(path: string): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the config ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new UsageError(`the config ${path} must hold a JSON object`);
  return parsed;
}

/** `styleinject train`: trains a LoRA or StyleInject adapter from a run config and/or flags. */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train a LoRA or StyleInject adapter (fine-tune, DreamBooth, distillation) with checkpoints, samples and resume',
  usage: '--config <run.json> | --model <path> --data <folder> --out <folder> [--method lora|styleinject] [--rank 4] [--steps 1000] [--lr 1e-4] ...',
  options: {
    ...engineOptions,
    config: { type: 'string' },
    ...Object.fromEntries(OVERRIDES.map((o) => [o.flag, { type: 'string' as const, ...(o.kind === 'list' && { multiple: true }) }])),
  },
  help: [
    '--config <run.json>  the run config (JSON; relative paths are taken from its folder); flags below override it',
    ...OVERRIDES.map((o) => `--${o.flag.padEnd(FLAG_WIDTH)}${o.help}`),
    'Running the same command again continues the output folder\'s latest checkpoint (same data order, noise and lr schedule).',
    'Ctrl-C stops at the next step and writes a checkpoint first.',
    ...engineHelp,
  ],
  async run(values: OptionValues) {
    const configPath = typeof values.config === 'string' ? resolve(values.config) : undefined;
    const raw = configPath ? await readConfigFile(configPath) : {};
    for (const override of OVERRIDES) {
      const value = values[override.flag];
      if (value !== undefined) setPath(raw, override.path, valueOf(override, value));
    }
    const engine = engineFromFlags(values);
    console.error((await engine.backend({})).line);
    const result = await withInterrupt('stopping after this step (writing a checkpoint)', (signal) =>
      engine.train({ config: raw, baseDir: configPath ? dirname(configPath) : process.cwd() }, { signal, onEvent: jobPrinter() }),
    );
    console.log(result.adapterPath);
    if (result.kohyaPath) console.log(result.kohyaPath);
    await engine.close();
    return 0;
  },
};
