import type { SamplerName } from '../../schedulers';

/** How A1111 labels our samplers in its infotext ("Sampler" and "Schedule type"), so other tools read them back. */
export const A1111_SAMPLER_LABELS: Record<SamplerName, { sampler: string; scheduleType?: string }> = {
  ddim: { sampler: 'DDIM' },
  euler: { sampler: 'Euler' },
  euler_a: { sampler: 'Euler a' },
  dpmpp_2m: { sampler: 'DPM++ 2M' },
  dpmpp_2m_karras: { sampler: 'DPM++ 2M', scheduleType: 'Karras' },
  pndm: { sampler: 'PLMS' },
  ddpm: { sampler: 'DDPM' },
};
