import type { MethodInput } from '../../../../src-main/contract';

type Settings = MethodInput<'runs.start'>['settings'];

/** Every setting the Train page shows, filled (the form needs a value for each field). */
export interface RunForm {
  name: string;
  datasetId: string | null;
  modelId: string | null;
  task: 'finetune' | 'dreambooth' | 'distill';
  method: 'lora' | 'styleinject';
  rank: number;
  /** Empty: alpha = rank. */
  alpha: number | '';
  k: number;
  dma: boolean;
  sta: boolean;
  resolution: number;
  maxSteps: number;
  lr: number;
  batchSize: number;
  gradientAccumulation: number;
  schedule: 'constant' | 'cosine';
  warmupSteps: number;
  seed: number;
  checkpointEvery: number;
  sampleEvery: number;
  /** One prompt per line. */
  samplePrompts: string;
  triggerWord: string;
  captionDropout: number;
  flip: boolean;
  instancePrompt: string;
  classPrompt: string;
  priorImages: number;
  priorWeight: number;
  teacherModelId: string | null;
  pairedPrompts: string;
  promptsOnly: boolean;
}

export type PresetName = 'styleinject' | 'lora' | 'dreambooth' | 'distill';

const common: RunForm = {
  name: '',
  datasetId: null,
  modelId: null,
  task: 'finetune',
  method: 'styleinject',
  rank: 32,
  alpha: '',
  k: 16,
  dma: true,
  sta: true,
  resolution: 512,
  maxSteps: 1000,
  lr: 1e-4,
  batchSize: 1,
  gradientAccumulation: 1,
  schedule: 'constant',
  warmupSteps: 0,
  seed: 42,
  checkpointEvery: 100,
  sampleEvery: 100,
  samplePrompts: 'a portrait of a woman\na city street at night\na bowl of fruit on a table',
  triggerWord: '',
  captionDropout: 0,
  flip: false,
  instancePrompt: '',
  classPrompt: '',
  priorImages: 100,
  priorWeight: 1,
  teacherModelId: null,
  pairedPrompts: '',
  promptsOnly: false,
};

/** The methods the page offers, with the paper's settings where it gives them. */
export const PRESETS: Record<PresetName, { label: string; help: string; values: Partial<RunForm> }> = {
  styleinject: { label: 'StyleInject', help: 'The paper’s adapter: K = 16 style directions picked by a router, rank 32, AdaIN-style rescaling (DMA + STA).', values: { task: 'finetune', method: 'styleinject', rank: 32, k: 16, dma: true, sta: true } },
  lora: { label: 'LoRA', help: 'A plain LoRA, rank 32: small, fast, and loads in other tools (a kohya copy is written too).', values: { task: 'finetune', method: 'lora', rank: 32, k: 1, dma: false, sta: false } },
  dreambooth: {
    label: 'DreamBooth',
    help: 'Teaches a subject or style under a rare word; class images (made once by the base model) keep the class from drifting.',
    values: { task: 'dreambooth', method: 'lora', rank: 32, k: 1, dma: false, sta: false, instancePrompt: 'a painting in sks style', classPrompt: 'a painting', priorImages: 100, priorWeight: 1 },
  },
  distill: { label: 'Distillation', help: 'Learns a teacher checkpoint’s style into an adapter for the base model, from paired prompts (or your images).', values: { task: 'distill', method: 'styleinject', rank: 32, k: 16, dma: true, sta: true } },
};

export function presetForm(preset: PresetName, keep?: Pick<RunForm, 'datasetId' | 'modelId' | 'name'>): RunForm {
  return { ...common, ...PRESETS[preset].values, ...keep };
}

/** The form as runs.start takes it. */
export function settingsFromForm(f: RunForm): Settings {
  const lines = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
  return {
    task: f.task,
    adapter: { method: f.method, rank: f.rank, ...(f.alpha !== '' && { alpha: f.alpha }), ...(f.method === 'styleinject' && { k: f.k, dma: f.dma, sta: f.sta }) },
    resolution: f.resolution,
    maxSteps: f.maxSteps,
    lr: f.lr,
    batchSize: f.batchSize,
    gradientAccumulation: f.gradientAccumulation,
    schedule: f.schedule,
    warmupSteps: f.warmupSteps,
    seed: f.seed,
    checkpointEvery: f.checkpointEvery,
    sampleEvery: f.sampleEvery,
    samplePrompts: lines(f.samplePrompts),
    triggerWord: f.triggerWord,
    captionDropout: f.captionDropout,
    flip: f.flip,
    ...(f.task === 'dreambooth' && { dreambooth: { instancePrompt: f.instancePrompt, classPrompt: f.classPrompt, priorImages: f.priorImages, priorWeight: f.priorWeight } }),
    ...(f.task === 'distill' && f.teacherModelId !== null && { distill: { teacherModelId: Number(f.teacherModelId), promptsOnly: f.promptsOnly, ...(f.pairedPrompts.trim() && { pairedPrompts: f.pairedPrompts }) } }),
  };
}
