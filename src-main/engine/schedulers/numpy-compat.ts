/**
 * The two numpy behaviours schedule code depends on, reproduced in float64 so timesteps
 * land on the same integers as diffusers' (np.round rounds halves to even; np.linspace
 * multiplies the index by one step and pins the last value).
 */

export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

export function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => start + i * step);
  out[num - 1] = stop;
  return out;
}
