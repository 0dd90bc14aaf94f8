import type { SchedulerConfig } from './config';
import { DDIMScheduler } from './ddim';
import { DDPMScheduler } from './ddpm';
import { DPMSolverMultistepScheduler } from './dpm-solver-multistep';
import { EulerAncestralScheduler } from './euler-ancestral';
import { EulerScheduler } from './euler';
import { PNDMScheduler } from './pndm';
import type { Scheduler } from './scheduler';

/** The samplers the studio offers, by the names its UI and CLI use. */
export const SAMPLER_NAMES = ['ddim', 'euler', 'euler_a', 'dpmpp_2m', 'dpmpp_2m_karras', 'pndm', 'ddpm'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

export interface SamplerOptions {
  /** DDIM only: 0 deterministic, 1 ancestral. */
  eta?: number;
}

export function isSamplerName(name: string): name is SamplerName {
  return (SAMPLER_NAMES as readonly string[]).includes(name);
}

/** A sampler by name on a noise schedule (SD 1.5's unless `config` overrides keys). */
export function createScheduler(name: SamplerName, config: Partial<SchedulerConfig> = {}, options: SamplerOptions = {}): Scheduler {
  switch (name) {
    case 'ddim':
      return new DDIMScheduler(config, { eta: options.eta });
    case 'euler':
      return new EulerScheduler(config);
    case 'euler_a':
      return new EulerAncestralScheduler(config);
    case 'dpmpp_2m':
      return new DPMSolverMultistepScheduler({ ...config, use_karras_sigmas: false });
    case 'dpmpp_2m_karras':
      return new DPMSolverMultistepScheduler({ ...config, use_karras_sigmas: true });
    case 'pndm':
      return new PNDMScheduler(config);
    case 'ddpm':
      return new DDPMScheduler(config);
  }
}
