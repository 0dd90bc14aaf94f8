import type { SchedulerConfig } from './config';
import { interpolateOnGrid, timestepForSigma } from './interpolation';
import { karrasSigmas } from './karras-sigmas';
import { alphasCumprod, sigmasFromAlphasCumprod } from './noise-schedule';

/** The training-grid noise levels a sigma-based sampler (Euler, DPM-Solver) samples from. */
export interface TrainingSigmas {
  /** sigma_t for t = 0..T-1, float32 (ascending). */
  sigmas: Float32Array;
  /** log sigma_t, float32 as numpy keeps it. */
  logSigmas: Float32Array;
}

export function trainingSigmas(config: SchedulerConfig): TrainingSigmas {
  const sigmas = sigmasFromAlphasCumprod(alphasCumprod(config));
  return { sigmas, logSigmas: sigmas.map(Math.log) };
}

/** Noise level at each (possibly fractional) timestep, interpolated linearly in t. */
export function sigmasAtTimesteps(grid: TrainingSigmas, timesteps: readonly number[]): number[] {
  return timesteps.map((t) => interpolateOnGrid(t, grid.sigmas));
}

/**
 * Karras-spaced sigmas between the ends of `range` (first = highest) and the fractional
 * timesteps they correspond to on the training grid.
 */
export function karrasSchedule(grid: TrainingSigmas, range: readonly number[], n: number): { sigmas: number[]; timesteps: number[] } {
  const sigmas = karrasSigmas(range[range.length - 1], range[0], n);
  return { sigmas, timesteps: sigmas.map((s) => timestepForSigma(s, grid.logSigmas)) };
}

/** Appends the final noise level 0 (diffusers' final_sigmas_type 'zero') and rounds to float32. */
export function withFinalZero(sigmas: readonly number[]): Float32Array {
  return Float32Array.from([...sigmas, 0]);
}
