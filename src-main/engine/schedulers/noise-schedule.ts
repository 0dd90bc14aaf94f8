import type { SchedulerConfig } from './config';

/**
 * The training noise schedule, computed in float32 the way diffusers does (torch float32
 * linspace, square, cumprod), so alphas_cumprod matches the reference to the last bits.
 */

const f32 = Math.fround;

/** torch.linspace(start, end, steps) in float32: from the start for the first half, from the end for the rest. */
export function linspaceF32(start: number, end: number, steps: number): Float32Array {
  const out = new Float32Array(steps);
  const a = f32(start);
  const b = f32(end);
  const step = f32(f32(b - a) / (steps - 1));
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) out[i] = i < half ? f32(a + f32(step * i)) : f32(b - f32(step * (steps - i - 1)));
  return out;
}

export function betas(config: SchedulerConfig): Float32Array {
  const n = config.num_train_timesteps;
  if (config.beta_schedule === 'linear') return linspaceF32(config.beta_start, config.beta_end, n);
  // scaled_linear: linear in sqrt(beta), then squared.
  const roots = linspaceF32(Math.sqrt(config.beta_start), Math.sqrt(config.beta_end), n);
  return roots.map((r) => f32(r * r));
}

/** alphā_t = prod_{s<=t} (1 - beta_s), accumulated in float32. */
export function alphasCumprod(config: SchedulerConfig): Float32Array {
  const b = betas(config);
  const out = new Float32Array(b.length);
  let acc = 1;
  for (let t = 0; t < b.length; t++) {
    acc = f32(acc * f32(1 - b[t]));
    out[t] = acc;
  }
  return out;
}

/** The Karras/VE noise level of each training timestep: sigma_t = sqrt((1 - alphā_t) / alphā_t). */
export function sigmasFromAlphasCumprod(alphasCumprod: Float32Array): Float32Array {
  return alphasCumprod.map((a) => f32(Math.sqrt(f32(f32(1 - a) / a))));
}

/** The VP pair of a VE noise level: alpha_t = 1 / sqrt(sigma² + 1), sigma_t = sigma * alpha_t. */
export function alphaSigmaFromSigma(sigma: number): { alpha: number; sigma: number } {
  const alpha = 1 / Math.sqrt(sigma * sigma + 1);
  return { alpha, sigma: sigma * alpha };
}
