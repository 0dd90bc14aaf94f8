import type { A1111Infotext } from '../../../../src-main/contract';
import type { GenerateForm, SamplerName } from './generate-form';

const SAMPLER_BY_LABEL: Record<string, SamplerName> = { DDIM: 'ddim', Euler: 'euler', 'Euler a': 'euler_a', 'DPM++ 2M': 'dpmpp_2m', PLMS: 'pndm', DDPM: 'ddpm' };
const LORA_TAG = /<lora:([^:>]+):([^>]+)>/g;

/** The LoRAs an A1111 prompt names (<lora:name:weight>): the mixer has to add them by hand. */
export function loraTags(prompt: string): { name: string; weight: string }[] {
  return [...prompt.matchAll(LORA_TAG)].map((m) => ({ name: m[1], weight: m[2] }));
}

/** A PNG's A1111 parameters in the form: prompt (LoRA tags taken out), steps, sampler, CFG, seed (locked) and size. */
export function formFromInfotext(info: A1111Infotext, current: GenerateForm): GenerateForm {
  const settings = new Map(info.settings);
  const number = (key: string, fallback: number) => {
    const value = Number(settings.get(key));
    return Number.isFinite(value) && settings.has(key) ? value : fallback;
  };
  const [width, height] = (settings.get('Size') ?? '').split('x').map(Number);
  const label = settings.get('Sampler') ?? '';
  const karras = settings.get('Schedule type') === 'Karras' || label.endsWith('Karras');
  const base = SAMPLER_BY_LABEL[label.replace(/ Karras$/, '')];
  const sampler = base === 'dpmpp_2m' && karras ? 'dpmpp_2m_karras' : (base ?? current.sampler);
  return {
    ...current,
    prompt: info.prompt.replace(LORA_TAG, '').replace(/\s+/g, ' ').trim(),
    negativePrompt: info.negativePrompt,
    steps: number('Steps', current.steps),
    cfgScale: number('CFG scale', current.cfgScale),
    seed: number('Seed', current.seed),
    seedLocked: settings.has('Seed'),
    width: width > 0 ? width : current.width,
    height: height > 0 ? height : current.height,
    sampler,
  };
}
