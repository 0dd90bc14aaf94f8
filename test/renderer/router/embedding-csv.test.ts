import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { embeddingCsv } from '../../../src-renderer/src/features/router/embedding-csv';

describe('the points as CSV', () => {
  it('writes one row per point (counting from 1 as the page does) and quotes what needs quoting, so a CSV reader gets the prompts back', () => {
    const study = { images: [{ prompt: 'a fox, "red"', theme: 'animals', seed: 3 }] } as never;
    const csv = embeddingCsv(study, { points: [[0.5, -1.25], [2, 3]], sources: [{ image: 0, step: 0 }, { image: 0, step: 1 }], dominant: [1, 0] });
    expect(csv.split('\n')[0]).toBe('point,image,prompt,theme,seed,step,x,y,dominant');
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows.slice(1)).toEqual([
      ['1', '1', 'a fox, "red"', 'animals', '3', '1', '0.5', '-1.25', '1'],
      ['2', '1', 'a fox, "red"', 'animals', '3', '2', '2', '3', '0'],
    ]);
  });
});
