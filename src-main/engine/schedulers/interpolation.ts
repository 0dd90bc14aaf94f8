/**
 * Moving between timesteps and noise levels on the training grid: sigma at a (fractional)
 * timestep by linear interpolation, and back, a timestep for a sigma by interpolating
 * log sigma (as k-diffusion and diffusers do).
 */

/** np.interp over the grid 0..fp.length-1: linear inside, clamped to the ends outside. */
export function interpolateOnGrid(x: number, fp: ArrayLike<number>): number {
  const last = fp.length - 1;
  if (x <= 0) return fp[0];
  if (x >= last) return fp[last];
  const j = Math.floor(x);
  if (j === x) return fp[j];
  const slope = fp[j + 1] - fp[j];
  return slope * (x - j) + fp[j];
}

/**
 * The fractional timestep whose log sigma is `sigma`'s, between the last grid point at or
 * below it and the next (clamped to the grid). `logSigmas` ascends with t.
 */
export function timestepForSigma(sigma: number, logSigmas: ArrayLike<number>): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  let low = 0;
  for (let i = 0; i < logSigmas.length; i++) if (logSigma - logSigmas[i] >= 0) low = i;
  low = Math.min(low, logSigmas.length - 2);
  const lo = logSigmas[low];
  const hi = logSigmas[low + 1];
  const w = Math.min(Math.max((lo - logSigma) / (lo - hi), 0), 1);
  return (1 - w) * low + w * (low + 1);
}
