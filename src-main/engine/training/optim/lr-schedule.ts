/**
 * Learning-rate schedules as pure functions of the optimizer step, so a resumed run needs
 * only the step count to continue on the same curve. `step` is the 0-based index of the
 * update about to be made. Warm-up ramps linearly, (step + 1) / warmupSteps of the base rate,
 * so the very first update is not wasted at lr 0.
 */

export type LrSchedule =
  | { kind: 'constant'; baseLr: number; warmupSteps?: number }
  | {
      kind: 'cosine';
      baseLr: number;
      warmupSteps?: number;
      /** Total optimizer steps of the run (warm-up included). */
      totalSteps: number;
      /** The floor the curve decays to (default 0). */
      minLr?: number;
      /** Half-cosine waves after warm-up (default 0.5: one decay from base to minLr). */
      cycles?: number;
    };

export function learningRateAt(schedule: LrSchedule, step: number): number {
  if (!(Number.isSafeInteger(step) && step >= 0)) throw new Error(`learning-rate schedule: step must be an integer >= 0, got ${step}`);
  checkSchedule(schedule);
  const warmupSteps = schedule.warmupSteps ?? 0;
  if (step < warmupSteps) return (schedule.baseLr * (step + 1)) / warmupSteps;
  if (schedule.kind === 'constant') return schedule.baseLr;
  const minLr = schedule.minLr ?? 0;
  const decaySteps = Math.max(1, schedule.totalSteps - warmupSteps);
  const progress = Math.min(1, (step - warmupSteps) / decaySteps);
  const cosine = 0.5 * (1 + Math.cos(Math.PI * 2 * (schedule.cycles ?? 0.5) * progress));
  return minLr + (schedule.baseLr - minLr) * cosine;
}

function checkSchedule(schedule: LrSchedule): void {
  const problems: string[] = [];
  if (!(Number.isFinite(schedule.baseLr) && schedule.baseLr >= 0)) problems.push(`baseLr ${schedule.baseLr} is not a finite number >= 0`);
  const warmup = schedule.warmupSteps ?? 0;
  if (!(Number.isSafeInteger(warmup) && warmup >= 0)) problems.push(`warmupSteps ${warmup} is not an integer >= 0`);
  if (schedule.kind === 'cosine') {
    if (!(Number.isSafeInteger(schedule.totalSteps) && schedule.totalSteps > 0)) problems.push(`totalSteps ${schedule.totalSteps} is not an integer > 0`);
    const minLr = schedule.minLr ?? 0;
    if (!(minLr >= 0 && minLr <= schedule.baseLr)) problems.push(`minLr ${minLr} is not in [0, baseLr]`);
    const cycles = schedule.cycles ?? 0.5;
    if (!(Number.isFinite(cycles) && cycles > 0)) problems.push(`cycles ${cycles} is not a number > 0`);
  } else if (schedule.kind !== 'constant') {
    problems.push(`unknown kind '${(schedule as { kind: unknown }).kind}'`);
  }
  if (problems.length > 0) throw new Error(`learning-rate schedule: ${problems.join('; ')}`);
}
