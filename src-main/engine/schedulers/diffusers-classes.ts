import type { SchedulerConfig } from './config';
import { createScheduler, type SamplerName, type SamplerOptions } from './factory';
import type { Scheduler } from './scheduler';

/**
 * The one place that maps diffusers scheduler classes (a model folder's
 * scheduler_config.json `_class_name`, plus its Karras flag) to our samplers, and rejects
 * the class options we do not implement instead of sampling something else.
 */

type DiffusersConfig = Record<string, unknown>;

/** Our sampler for a diffusers class, or undefined when the engine has none. */
export function samplerForDiffusersClass(className: string, karras: boolean): SamplerName | undefined {
  switch (className) {
    case 'DDIMScheduler':
      return karras ? undefined : 'ddim';
    case 'EulerDiscreteScheduler':
      return 'euler';
    case 'EulerAncestralDiscreteScheduler':
      return karras ? undefined : 'euler_a';
    case 'DPMSolverMultistepScheduler':
      return karras ? 'dpmpp_2m_karras' : 'dpmpp_2m';
    case 'PNDMScheduler':
      return karras ? undefined : 'pndm';
    case 'DDPMScheduler':
      return karras ? undefined : 'ddpm';
    default:
      return undefined;
  }
}

/** Options whose diffusers values we support, with the value each must have. */
const REQUIRED: Record<string, Record<string, unknown>> = {
  DPMSolverMultistepScheduler: {
    solver_order: 2,
    algorithm_type: 'dpmsolver++',
    solver_type: 'midpoint',
    final_sigmas_type: 'zero',
    thresholding: false,
    use_lu_lambdas: false,
    use_exponential_sigmas: false,
    use_beta_sigmas: false,
  },
  EulerDiscreteScheduler: { interpolation_type: 'linear', final_sigmas_type: 'zero', use_exponential_sigmas: false, use_beta_sigmas: false },
  DDIMScheduler: { thresholding: false, clip_sample: false },
  // Only PLMS: the Runge–Kutta warm-up (diffusers' default, skip_prk_steps false) is not implemented.
  PNDMScheduler: { skip_prk_steps: true },
  DDPMScheduler: { variance_type: 'fixed_small', thresholding: false, clip_sample: false },
};

/** diffusers' defaults for the options above where they differ from what we implement. */
const DIFFUSERS_DEFAULTS: Record<string, Record<string, unknown>> = {
  PNDMScheduler: { skip_prk_steps: false },
  DDPMScheduler: { clip_sample: true },
  DDIMScheduler: { clip_sample: true },
};

/** Builds our sampler from a diffusers class name and config; throws with the reason if we cannot. */
export function schedulerFromDiffusers(className: string, config: DiffusersConfig, options: SamplerOptions = {}): Scheduler {
  const karras = config.use_karras_sigmas === true;
  const name = samplerForDiffusersClass(className, karras);
  if (!name) throw new Error(`diffusers ${className}${karras ? ' with Karras sigmas' : ''} has no sampler in the engine`);
  for (const [key, want] of Object.entries(REQUIRED[className] ?? {})) {
    const got = config[key] ?? DIFFUSERS_DEFAULTS[className]?.[key];
    if (got !== undefined && got !== want) {
      throw new Error(`diffusers ${className} with ${key}=${JSON.stringify(got)} is not supported (only ${JSON.stringify(want)})`);
    }
  }
  if (config.rescale_betas_zero_snr === true) throw new Error(`diffusers ${className} with rescale_betas_zero_snr is not supported`);
  if (config.trained_betas !== undefined && config.trained_betas !== null) throw new Error(`diffusers ${className} with trained_betas is not supported`);
  return createScheduler(name, config as Partial<SchedulerConfig>, options);
}
