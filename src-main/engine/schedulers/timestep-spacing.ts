import type { TimestepSpacing } from './config';
import { linspace, roundHalfEven } from './numpy-compat';

/**
 * Which `count` training timesteps to visit, highest first (diffusers' timestep_spacing,
 * see "Common Diffusion Noise Schedules and Sample Steps are Flawed", table 2):
 *   leading  : 0, r, 2r, ... with r = T // count, shifted up by steps_offset
 *   linspace : count evenly spaced points from 0 to T-1 (rounded unless `round` is false)
 *   trailing : T-1 down in steps of T / count, rounded
 */
export function spacedTimesteps(
  spacing: TimestepSpacing,
  numTrainTimesteps: number,
  count: number,
  stepsOffset: number,
  round = true,
): number[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`number of inference steps must be a positive integer, got ${count}`);
  if (count > numTrainTimesteps) throw new Error(`cannot take ${count} steps on a ${numTrainTimesteps}-timestep schedule`);
  const T = numTrainTimesteps;
  switch (spacing) {
    case 'leading': {
      const ratio = Math.floor(T / count);
      return Array.from({ length: count }, (_, i) => (count - 1 - i) * ratio + stepsOffset);
    }
    case 'linspace':
      return linspace(0, T - 1, count)
        .reverse()
        .map((t) => (round ? roundHalfEven(t) : t));
    case 'trailing': {
      // np.arange(T, 0, -T / count): its length is computed from the float ratio, as numpy does.
      const ratio = T / count;
      const length = Math.ceil((0 - T) / -ratio);
      return Array.from({ length }, (_, i) => roundHalfEven(T + i * -ratio) - 1);
    }
  }
}
