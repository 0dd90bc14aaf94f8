/**
 * Where in the schedule a step starts, for samplers that then walk their sigmas by index.
 * diffusers' rule: if a timestep occurs twice (possible after rounding Karras timesteps),
 * a run starting there starts at its second occurrence, so no sigma is skipped in img2img.
 */
export function stepIndexFor(timesteps: readonly number[], timestep: number): number {
  const matches: number[] = [];
  timesteps.forEach((t, i) => {
    if (t === timestep) matches.push(i);
  });
  if (matches.length === 0) throw new Error(`timestep ${timestep} is not in this schedule`);
  return matches.length > 1 ? matches[1] : matches[0];
}

/** Walks the step index: found from the first timestep seen, then advanced once per step. */
export class StepCounter {
  private index: number | undefined;

  reset(): void {
    this.index = undefined;
  }

  /** The index of the step being taken now. */
  current(timesteps: readonly number[], timestep: number): number {
    this.index ??= stepIndexFor(timesteps, timestep);
    if (this.index >= timesteps.length) throw new Error('stepped past the end of the schedule; call setTimesteps again');
    return this.index;
  }

  advance(): void {
    if (this.index !== undefined) this.index++;
  }
}
