import { describe, expect, it } from 'vitest';
import { learningRateAt } from '../../../../src-main/engine/training/optim';

describe('learningRateAt', () => {
  it('constant with linear warm-up', () => {
    const schedule = { kind: 'constant', baseLr: 1e-4, warmupSteps: 4 } as const;
    const want = [2.5e-5, 5e-5, 7.5e-5, 1e-4, 1e-4, 1e-4];
    [0, 1, 2, 3, 4, 1000].forEach((step, i) => expect(learningRateAt(schedule, step)).toBeCloseTo(want[i], 15));
    expect(learningRateAt({ kind: 'constant', baseLr: 1e-4 }, 0)).toBe(1e-4);
  });

  it('cosine decays from base to minLr after warm-up and stays there', () => {
    const schedule = { kind: 'cosine', baseLr: 1, warmupSteps: 10, totalSteps: 110, minLr: 0.1 } as const;
    expect(learningRateAt(schedule, 4)).toBeCloseTo(0.5, 12);
    expect(learningRateAt(schedule, 10)).toBeCloseTo(1, 12);
    expect(learningRateAt(schedule, 60)).toBeCloseTo(0.1 + 0.9 * 0.5, 12); // half way: cos(pi/2) = 0
    expect(learningRateAt(schedule, 85)).toBeCloseTo(0.1 + 0.9 * 0.5 * (1 + Math.cos(0.75 * Math.PI)), 12);
    expect(learningRateAt(schedule, 110)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(schedule, 500)).toBeCloseTo(0.1, 12);
  });

  it('is a pure function of the step (a resumed run lands on the same curve)', () => {
    const schedule = { kind: 'cosine', baseLr: 3e-4, warmupSteps: 5, totalSteps: 50 } as const;
    const once = Array.from({ length: 50 }, (_, s) => learningRateAt(schedule, s));
    expect(Array.from({ length: 25 }, (_, i) => learningRateAt(schedule, 25 + i))).toEqual(once.slice(25));
  });

  it('rejects bad schedules and steps', () => {
    expect(() => learningRateAt({ kind: 'constant', baseLr: -1 }, 0)).toThrow(/baseLr -1/);
    expect(() => learningRateAt({ kind: 'cosine', baseLr: 1, totalSteps: 0 }, 0)).toThrow(/totalSteps 0/);
    expect(() => learningRateAt({ kind: 'constant', baseLr: 1 }, 1.5)).toThrow(/step must be an integer/);
  });
});
