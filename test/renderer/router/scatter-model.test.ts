import { describe, expect, it } from 'vitest';
import { scatterModel } from '../../../src-renderer/src/features/router/scatter-model';

const image = (prompt: string, theme: string) => ({ prompt, theme, seed: 1 });
// Two images (themes a and b) x 2 steps, K = 3.
const study = { images: [image('p1', 'a'), image('p2', 'b')], steps: 2, k: 3 } as never;
const view = {
  points: [
    [0, 10],
    [2, 10],
    [4, 20],
    [4, 30],
  ] as [number, number][],
  sources: [
    { image: 0, step: 0 },
    { image: 0, step: 1 },
    { image: 1, step: 0 },
    { image: 1, step: 1 },
  ],
  dominant: [2, 2, 0, 2],
};

describe('the scatter model', () => {
  it('scales each axis into [0.04, 0.96], y up', () => {
    const { xy } = scatterModel(study, view, 'theme');
    expect(Array.from(xy).map((v) => Number(v.toFixed(2)))).toEqual([0.04, 0.04, 0.5, 0.04, 0.96, 0.5, 0.96, 0.96]);
  });

  it('puts points that are all alike on an axis in its middle (an untrained router)', () => {
    const { xy } = scatterModel(study, { ...view, points: view.points.map(() => [1, 1] as [number, number]) }, 'theme');
    expect(Array.from(xy)).toEqual(new Array(8).fill(0.5));
  });

  it('colours by theme or prompt in the study’s order, by dominant branch by number (branches no point leads left out of the legend), by step on a ramp', () => {
    const byTheme = scatterModel(study, view, 'theme');
    expect(Array.from(byTheme.colourOf)).toEqual([0, 0, 1, 1]);
    expect(byTheme.legend).toMatchObject({ kind: 'categories', entries: [{ label: 'a', count: 2 }, { label: 'b', count: 2 }] });
    expect(scatterModel(study, view, 'prompt').legend).toMatchObject({ entries: [{ label: 'p1' }, { label: 'p2' }] });
    const byBranch = scatterModel(study, view, 'dominant');
    expect(Array.from(byBranch.colourOf)).toEqual([2, 2, 0, 2]);
    expect(byBranch.legend).toMatchObject({ entries: [{ label: 'branch 0', count: 1 }, { label: 'branch 2', count: 3 }] });
    const bySteps = scatterModel(study, view, 'step');
    expect(Array.from(bySteps.colourOf)).toEqual([0, 1, 0, 1]);
    expect(bySteps.legend).toMatchObject({ kind: 'ramp', first: 'step 1', last: 'step 2' });
    expect(bySteps.colours).toHaveLength(2);
  });

  it('draws points smaller as they crowd', () => {
    const many = (n: number) => scatterModel({ images: [image('p', 't')], steps: 1, k: 2 } as never, { points: Array.from({ length: n }, (_, i) => [i, i] as [number, number]), sources: Array.from({ length: n }, () => ({ image: 0, step: 0 })), dominant: new Array(n).fill(0) }, 'theme').radius;
    expect([many(10), many(1000), many(10_000)]).toEqual([4.5, 3, 2]);
  });
});
