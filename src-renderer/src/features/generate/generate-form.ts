import { createFormContext } from '@mantine/form';
import type { GenerationView, MethodInput } from '../../../../src-main/contract';

type StartInput = MethodInput<'generations.start'>;
type AdapterInput = NonNullable<StartInput['adapters']>[number];
export type SamplerName = NonNullable<StartInput['sampler']>;

/** One adapter in the mixer: a project adapter ('a:<id>') or a library LoRA ('m:<id>'). */
export interface MixEntry {
  source: string;
  name: string;
  weight: number;
  /** Weight per UNet block group (1 = as the main weight). */
  blockWeights: { input: number; middle: number; output: number };
  /** The part of the denoising it acts in, 0 (start) to 1 (end). */
  steps: [number, number];
}

export interface GenerateForm {
  modelId: string | null;
  prompt: string;
  negativePrompt: string;
  steps: number;
  cfgScale: number;
  seed: number;
  /** Locked: the seed above is used; unlocked: a new random one each time (reported back). */
  seedLocked: boolean;
  width: number;
  height: number;
  sampler: SamplerName;
  batch: number;
  traceRouter: boolean;
  mix: MixEntry[];
}

export const INITIAL_FORM: GenerateForm = {
  modelId: null,
  prompt: '',
  negativePrompt: '',
  steps: 20,
  cfgScale: 7.5,
  seed: 1,
  seedLocked: false,
  width: 512,
  height: 512,
  sampler: 'euler_a',
  batch: 1,
  traceRouter: false,
  mix: [],
};

export const SAMPLERS: { value: SamplerName; label: string }[] = [
  { value: 'euler_a', label: 'Euler a' },
  { value: 'euler', label: 'Euler' },
  { value: 'dpmpp_2m', label: 'DPM++ 2M' },
  { value: 'dpmpp_2m_karras', label: 'DPM++ 2M Karras' },
  { value: 'ddim', label: 'DDIM' },
  { value: 'pndm', label: 'PLMS (PNDM)' },
  { value: 'ddpm', label: 'DDPM' },
];

export const [GenerateFormProvider, useGenerateFormContext, useGenerateForm] = createFormContext<GenerateForm>();

export const FULL_BLOCKS = { input: 1, middle: 1, output: 1 };

function mixInput(entry: MixEntry): AdapterInput {
  const [kind, id] = entry.source.split(':');
  const custom = entry.blockWeights.input !== 1 || entry.blockWeights.middle !== 1 || entry.blockWeights.output !== 1;
  const ranged = entry.steps[0] > 0 || entry.steps[1] < 1;
  return {
    ...(kind === 'a' ? { adapterId: Number(id) } : { modelId: Number(id) }),
    weight: entry.weight,
    ...(custom && { blockWeights: entry.blockWeights }),
    ...(ranged && { steps: { start: entry.steps[0], end: entry.steps[1] } }),
  };
}

/** The form as generations.start takes it; `mix` and `seed` can be overridden (the A/B view). */
export function startInput(projectId: number, f: GenerateForm, override?: { mix?: MixEntry[]; seed?: number }): StartInput {
  const seed = override?.seed ?? (f.seedLocked ? f.seed : undefined);
  return {
    projectId,
    modelId: Number(f.modelId),
    prompt: f.prompt,
    negativePrompt: f.negativePrompt,
    steps: f.steps,
    cfgScale: f.cfgScale,
    ...(seed !== undefined && { seed }),
    width: f.width,
    height: f.height,
    sampler: f.sampler,
    batch: f.batch,
    traceRouter: f.traceRouter,
    adapters: (override?.mix ?? f.mix).map(mixInput),
  };
}

/** A stored generation's settings back in the form ("reuse these settings"), with its seed locked. */
export function formFromGeneration(g: GenerationView, current: GenerateForm): GenerateForm {
  const s = g.settings as Partial<Record<'steps' | 'cfgScale' | 'width' | 'height' | 'batch', number>> & { sampler?: SamplerName };
  return {
    ...current,
    modelId: g.baseModelId === null ? current.modelId : String(g.baseModelId),
    prompt: g.prompt,
    negativePrompt: g.negativePrompt,
    steps: s.steps ?? current.steps,
    cfgScale: s.cfgScale ?? current.cfgScale,
    width: s.width ?? current.width,
    height: s.height ?? current.height,
    sampler: s.sampler ?? current.sampler,
    batch: s.batch ?? current.batch,
    seed: g.seed,
    seedLocked: true,
    mix: g.adapters
      .filter((a) => a.adapterId !== null || a.modelId !== null)
      .map((a) => {
        const options = a.options as { blockWeights?: Partial<MixEntry['blockWeights']>; steps?: { start: number; end: number } };
        return {
          source: a.adapterId !== null ? `a:${a.adapterId}` : `m:${a.modelId}`,
          name: a.name,
          weight: a.weight,
          blockWeights: { ...FULL_BLOCKS, ...options.blockWeights },
          steps: options.steps ? [options.steps.start, options.steps.end] : [0, 1],
        };
      }),
  };
}
