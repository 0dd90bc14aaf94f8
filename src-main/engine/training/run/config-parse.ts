import { isAbsolute, resolve } from 'node:path';
import { adapterSettings, checkAdapterSettings, DEFAULT_METHOD, PAPER_K, PAPER_RANK } from '../../adapters/settings';
import { DEFAULT_TARGETS } from '../../adapters/targets';
import { SAMPLER_NAMES } from '../../schedulers';
import type { DatasetSource } from '../data';
import type { AdapterRunSettings, AugmentSettings, DistillSettings, DreamBoothSettings, SampleSettings, TrainingConfig } from './config';
import { FieldReader, isObject } from './config-fields';

/** A config that cannot be used; `problems` lists every mistake found, one per line of the message. */
export class TrainingConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`the training config has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TrainingConfigError';
  }
}

const TOP_LEVEL = [
  'model', 'dataset', 'task', 'dreambooth', 'distill', 'adapter', 'resolution', 'buckets', 'batchSize', 'gradientAccumulation', 'maxSteps',
  'lr', 'warmupSteps', 'schedule', 'adamw', 'maxGradNorm', 'minSnrGamma', 'noiseOffset', 'augment', 'seed', 'gradientCheckpointing',
  'checkpoints', 'samples', 'output', 'resume',
];

/**
 * Checks a run config (parsed JSON) and fills its defaults. Relative paths are taken from
 * `baseDir` (the config file's folder). Throws TrainingConfigError listing every problem.
 */
export function parseTrainingConfig(raw: unknown, baseDir = process.cwd()): TrainingConfig {
  const problems: string[] = [];
  const root = FieldReader.root(raw, problems);
  root.rejectUnknown(TOP_LEVEL);
  const path = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));

  const model = root.child('model');
  model.rejectUnknown(['path', 'config', 'tokenizer', 'vae']);
  const optionalPath = (field: string) => {
    const value = model.optionalString(field);
    return value === undefined ? {} : { [field]: path(value) };
  };
  const task = root.oneOf('task', ['finetune', 'dreambooth', 'distill'] as const, 'finetune');
  const resolution = root.number('resolution', 512, { integer: true, min: 8 });
  if (resolution % 8 !== 0) root.problem('resolution', `must be a multiple of 8, got ${resolution}`);
  const seed = root.number('seed', 42, { integer: true, min: 0, max: 2 ** 32 - 1 });
  const maxSteps = root.number('maxSteps', 1000, { integer: true, min: 1 });
  const buckets = root.boolean('buckets', false);

  const config: TrainingConfig = {
    model: { path: path(model.string('path', '', { nonEmpty: true })), ...optionalPath('config'), ...optionalPath('tokenizer'), ...optionalPath('vae') },
    // The data-free distillation case trains on teacher samples, not images.
    dataset: promptsOnly(root) ? { items: [] } : parseDataset(root, path),
    task,
    adapter: parseAdapter(root.child('adapter')),
    resolution,
    buckets,
    batchSize: root.number('batchSize', 1, { integer: true, min: 1 }),
    gradientAccumulation: root.number('gradientAccumulation', 1, { integer: true, min: 1 }),
    maxSteps,
    lr: root.number('lr', 1e-4, { min: 0, above: true }),
    warmupSteps: root.number('warmupSteps', 0, { integer: true, min: 0 }),
    schedule: root.oneOf('schedule', ['constant', 'cosine'] as const, 'constant'),
    adamw: parseAdamW(root.child('adamw')),
    maxGradNorm: root.number('maxGradNorm', 1, { min: 0 }),
    minSnrGamma: root.number('minSnrGamma', 0, { min: 0 }),
    noiseOffset: root.number('noiseOffset', 0, { min: 0 }),
    augment: parseAugment(root.child('augment')),
    seed,
    // Saving activations per block matters only at SD's real sizes.
    gradientCheckpointing: root.boolean('gradientCheckpointing', resolution >= 512),
    checkpoints: parseCheckpoints(root.child('checkpoints'), maxSteps),
    samples: parseSamples(root.child('samples'), seed),
    output: path(root.string('output', '', { nonEmpty: true })),
    resume: root.boolean('resume', true),
  };
  if (task === 'dreambooth') {
    config.dreambooth = parseDreamBooth(root.child('dreambooth'), path);
    if (buckets && config.dreambooth.priorImages > 0) {
      root.problem('buckets', 'DreamBooth with prior preservation trains instance and prior images in one batch, so they must share one square size: turn buckets off');
    }
  } else if (root.has('dreambooth')) {
    root.problem('dreambooth', `is only used by task 'dreambooth' (task is '${task}')`);
  }
  if (task === 'distill') {
    if (isObject(root.object.distill)) config.distill = parseDistill(root.child('distill'), path);
    else root.problem('distill', "task 'distill' needs a 'distill' object with at least the teacher checkpoint");
  } else if (root.has('distill')) {
    root.problem('distill', `is only used by task 'distill' (task is '${task}')`);
  }
  if (problems.length > 0) throw new TrainingConfigError(problems);
  return config;
}

function promptsOnly(root: FieldReader): boolean {
  const distill = root.object.distill;
  return root.object.task === 'distill' && isObject(distill) && distill.promptsOnly === true;
}

function parseDistill(distill: FieldReader, path: (p: string) => string): DistillSettings {
  distill.rejectUnknown(['teacher', 'teacherConfig', 'teacherTokenizer', 'pairedPrompts', 'promptsOnly', 'weights', 'sampling']);
  const optionalPath = (field: string) => {
    const value = distill.optionalString(field);
    return value === undefined ? undefined : path(value);
  };
  const weights = distill.child('weights');
  weights.rejectUnknown(['task', 'out', 'feat']);
  const sampling = distill.child('sampling');
  sampling.rejectUnknown(['steps', 'cfg', 'sampler']);
  const settings: DistillSettings = {
    teacher: path(distill.string('teacher', '', { nonEmpty: true })),
    teacherConfig: optionalPath('teacherConfig'),
    teacherTokenizer: optionalPath('teacherTokenizer'),
    pairedPrompts: optionalPath('pairedPrompts'),
    promptsOnly: distill.boolean('promptsOnly', false),
    weights: {
      task: weights.number('task', 1, { min: 0 }),
      out: weights.number('out', 1, { min: 0 }),
      feat: weights.number('feat', 1, { min: 0 }),
    },
    sampling: {
      steps: sampling.number('steps', 20, { integer: true, min: 1 }),
      cfg: sampling.number('cfg', 7.5, { min: 0 }),
      sampler: sampling.oneOf('sampler', SAMPLER_NAMES, 'euler_a'),
    },
  };
  if (settings.promptsOnly && !settings.pairedPrompts) distill.problem('pairedPrompts', 'prompts-only distillation needs a prompt file');
  if (settings.teacherTokenizer && !settings.pairedPrompts) {
    distill.problem('pairedPrompts', "a teacher with its own text encoder reads its own prompts: give 'teacher<TAB>student' pairs");
  }
  return settings;
}

function parseDataset(root: FieldReader, path: (p: string) => string): DatasetSource {
  const value = root.object.dataset;
  if (typeof value === 'string' && value.trim()) return { folder: path(value) };
  const dataset = root.child('dataset');
  if (dataset.has('folder')) {
    dataset.rejectUnknown(['folder']);
    return { folder: path(dataset.string('folder', '', { nonEmpty: true })) };
  }
  const entries = dataset.objectList('items');
  if (entries) {
    dataset.rejectUnknown(['items']);
    const items = entries.map((item) => {
      item.rejectUnknown(['image', 'caption', 'repeats']);
      return {
        image: path(item.string('image', '', { nonEmpty: true })),
        caption: item.string('caption', ''),
        repeats: item.number('repeats', 1, { integer: true, min: 1 }),
      };
    });
    if (items.length === 0) dataset.problem('items', 'is empty: list at least one image');
    return { items };
  }
  root.problem('dataset', 'is required: an image folder (kohya layout allowed) or { "items": [{ "image", "caption" }] }');
  return { items: [] };
}

function parseAdapter(adapter: FieldReader): AdapterRunSettings {
  adapter.rejectUnknown(['method', 'rank', 'alpha', 'k', 'dma', 'sta', 'targets', 'name']);
  // Only what the config gives is read here; adapterSettings fills the rest with the paper's choices.
  const given = <T>(field: string, read: () => T): T | undefined => (adapter.has(field) ? read() : undefined);
  const filled = adapterSettings({
    method: given('method', () => adapter.oneOf('method', ['lora', 'styleinject'] as const, DEFAULT_METHOD)),
    rank: given('rank', () => adapter.number('rank', PAPER_RANK, { integer: true, min: 1 })),
    alpha: given('alpha', () => adapter.number('alpha', PAPER_RANK, { min: 0, above: true })),
    k: given('k', () => adapter.number('k', PAPER_K, { integer: true, min: 1 })),
    dma: given('dma', () => adapter.boolean('dma', true)),
    sta: given('sta', () => adapter.boolean('sta', true)),
  });
  const settings: AdapterRunSettings = {
    ...filled,
    targets: adapter.stringList('targets', [...DEFAULT_TARGETS]),
    name: adapter.string('name', filled.method, { nonEmpty: true }),
  };
  if (settings.targets.length === 0) adapter.problem('targets', 'is empty: name a preset (attention-qv ...) or module patterns');
  if (!/^[\w.-]+$/.test(settings.name)) adapter.problem('name', `is used in file names: letters, digits, '.', '_' and '-' only, got '${settings.name}'`);
  try {
    checkAdapterSettings(settings);
  } catch (error) {
    adapter.problem('method', (error as Error).message);
  }
  return settings;
}

function parseAdamW(adamw: FieldReader): TrainingConfig['adamw'] {
  adamw.rejectUnknown(['beta1', 'beta2', 'weightDecay', 'eps']);
  return {
    beta1: adamw.number('beta1', 0.9, { min: 0, max: 0.999999 }),
    beta2: adamw.number('beta2', 0.999, { min: 0, max: 0.999999 }),
    weightDecay: adamw.number('weightDecay', 1e-2, { min: 0 }),
    eps: adamw.number('eps', 1e-8, { min: 0 }),
  };
}

function parseAugment(augment: FieldReader): AugmentSettings {
  augment.rejectUnknown(['captionDropout', 'shuffleTags', 'keepTags', 'triggerWord', 'flip']);
  return {
    captionDropout: augment.number('captionDropout', 0, { min: 0, max: 1 }),
    shuffleTags: augment.boolean('shuffleTags', false),
    keepTags: augment.number('keepTags', 0, { integer: true, min: 0 }),
    triggerWord: augment.string('triggerWord', ''),
    flip: augment.boolean('flip', false),
  };
}

function parseCheckpoints(checkpoints: FieldReader, maxSteps: number): TrainingConfig['checkpoints'] {
  checkpoints.rejectUnknown(['every', 'keepLast']);
  return {
    every: checkpoints.number('every', Math.min(100, maxSteps), { integer: true, min: 1 }),
    keepLast: checkpoints.number('keepLast', 3, { integer: true, min: 1 }),
  };
}

function parseSamples(samples: FieldReader, seed: number): SampleSettings {
  samples.rejectUnknown(['every', 'prompts', 'seeds', 'negativePrompt', 'steps', 'cfg', 'sampler']);
  const prompts = samples.stringList('prompts', []);
  const settings: SampleSettings = {
    every: samples.number('every', 0, { integer: true, min: 0 }),
    prompts,
    seeds: samples.numberList('seeds', prompts.map((_, i) => (seed + i) % 2 ** 32), { integer: true, min: 0, max: 2 ** 32 - 1 }),
    negativePrompt: samples.string('negativePrompt', ''),
    steps: samples.number('steps', 20, { integer: true, min: 1 }),
    cfg: samples.number('cfg', 7.5, { min: 0 }),
    sampler: samples.oneOf('sampler', SAMPLER_NAMES, 'euler_a'),
  };
  if (settings.every > 0 && prompts.length === 0) samples.problem('prompts', 'is empty: sample images every N steps need at least one prompt');
  if (settings.seeds.length !== prompts.length) samples.problem('seeds', `has ${settings.seeds.length} seeds for ${prompts.length} prompts: give one seed per prompt`);
  return settings;
}

function parseDreamBooth(dreambooth: FieldReader, path: (p: string) => string): DreamBoothSettings {
  dreambooth.rejectUnknown(['instancePrompt', 'classPrompt', 'classFolder', 'priorImages', 'priorWeight', 'generationSteps', 'generationCfg']);
  const priorImages = dreambooth.number('priorImages', 100, { integer: true, min: 0 });
  const withPrior = priorImages > 0;
  const classFolder = dreambooth.string('classFolder', '', { nonEmpty: withPrior });
  return {
    instancePrompt: dreambooth.string('instancePrompt', '', { nonEmpty: true }),
    classPrompt: dreambooth.string('classPrompt', '', { nonEmpty: withPrior }),
    classFolder: classFolder ? path(classFolder) : '',
    priorImages,
    priorWeight: dreambooth.number('priorWeight', 1, { min: 0 }),
    generationSteps: dreambooth.number('generationSteps', 20, { integer: true, min: 1 }),
    generationCfg: dreambooth.number('generationCfg', 7.5, { min: 0 }),
  };
}
