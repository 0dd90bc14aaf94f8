/**
 * A noise-schedule / sampler configuration under diffusers' own key names, so a
 * `scheduler_config.json` from a model folder can be used as it is.
 */
export type BetaSchedule = 'scaled_linear' | 'linear';
export type TimestepSpacing = 'leading' | 'linspace' | 'trailing';
export type PredictionType = 'epsilon' | 'v_prediction' | 'sample';

export interface SchedulerConfig {
  num_train_timesteps: number;
  beta_start: number;
  beta_end: number;
  beta_schedule: BetaSchedule;
  /** Added to `leading` timesteps (SD 1.5 uses 1, so the last step is t = 1). */
  steps_offset: number;
  timestep_spacing: TimestepSpacing;
  prediction_type: PredictionType;
  /** DDIM/PNDM: alpha_cumprod after the last step is 1 (true) or alphas_cumprod[0] (false). */
  set_alpha_to_one: boolean;
  /** Euler / DPM-Solver: space sigmas as Karras et al. (2022) instead of by timestep. */
  use_karras_sigmas: boolean;
}

/** Stable Diffusion 1.5's scheduler config (its PNDM config, with diffusers' defaults filled in). */
export const SD15_SCHEDULER_CONFIG: Readonly<SchedulerConfig> = Object.freeze({
  num_train_timesteps: 1000,
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  steps_offset: 1,
  timestep_spacing: 'leading',
  prediction_type: 'epsilon',
  set_alpha_to_one: false,
  use_karras_sigmas: false,
});

/**
 * SD 1.5's config overridden by the known keys of `overrides` (e.g. a parsed diffusers
 * config, whose unrelated keys are ignored). Unsupported values fail here, not mid-sampling.
 */
export function resolveConfig(overrides: Partial<Record<keyof SchedulerConfig, unknown>> = {}): SchedulerConfig {
  const c: SchedulerConfig = { ...SD15_SCHEDULER_CONFIG };
  const target = c as unknown as Record<string, unknown>;
  for (const key of Object.keys(SD15_SCHEDULER_CONFIG) as (keyof SchedulerConfig)[]) {
    const value = overrides[key];
    if (value !== undefined && value !== null) target[key] = value;
  }
  oneOf('beta_schedule', c.beta_schedule, ['scaled_linear', 'linear']);
  oneOf('timestep_spacing', c.timestep_spacing, ['leading', 'linspace', 'trailing']);
  oneOf('prediction_type', c.prediction_type, ['epsilon', 'v_prediction', 'sample']);
  if (!Number.isInteger(c.num_train_timesteps) || c.num_train_timesteps < 2) {
    throw new Error(`num_train_timesteps must be an integer >= 2, got ${c.num_train_timesteps}`);
  }
  return c;
}

function oneOf(key: string, value: unknown, allowed: readonly string[]): void {
  if (!allowed.includes(value as string)) throw new Error(`scheduler ${key} '${String(value)}' is not supported (${allowed.join(', ')})`);
}
