import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src-main/engine';
import { embedVectors, type EmbeddingMethod } from '../../../src-main/engine/analysis/embedding/embed';
import { neighbourPurity } from '../../../src-main/engine/analysis/embedding/neighbour-purity';
import { TSNE_MAX_POINTS } from '../../../src-main/engine/analysis/embedding/tsne';
import { SeededGenerator } from '../../../src-main/engine/random';

/** Three clusters of 40 points in 12 dimensions (centre 3 * e_c, noise 0.3), labelled by cluster. */
function clusters(): { vectors: Float32Array[]; labels: string[] } {
  const g = new SeededGenerator(3);
  const vectors = Array.from({ length: 120 }, (_, i) => g.normalArray(12).map((v, d) => 0.3 * v + (d === i % 3 ? 3 : 0)));
  return { vectors, labels: vectors.map((_, i) => String(i % 3)) };
}
const own = (n: number) => Array.from({ length: n }, (_, i) => String(i)); // every point its own source

describe('embedding route vectors', () => {
  for (const method of ['tsne', 'pca', 'umap'] as EmbeddingMethod[]) {
    it(`${method}: separates clusters, the same seed gives the same picture, progress reaches the end`, async () => {
      const { vectors, labels } = clusters();
      const progress: [number, number][] = [];
      const first = await embedVectors(vectors, method, { seed: 4, iterations: 150 }, { onProgress: (done, total) => progress.push([done, total]) });
      const again = await embedVectors(vectors, method, { seed: 4, iterations: 150 });
      expect(first.points).toHaveLength(120);
      expect(again.points).toEqual(first.points);
      expect(neighbourPurity(first.points, labels, own(120)).purity).toBeGreaterThan(0.95);
      expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
      expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    });
  }

  it('stops at the next pause when cancelled, with the cancelled code', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await embedVectors(clusters().vectors, 'tsne', { iterations: 5000 }, { signal: controller.signal }).catch((e: EngineError) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('cancelled');
  });

  it('says when every vector is the same, and lowers settings few points cannot carry', async () => {
    const same = Array.from({ length: 10 }, () => [0.25, 0.25, 0.25, 0.25]);
    const tsne = await embedVectors(same, 'tsne', { iterations: 20 });
    expect(tsne.notes.join(' ')).toMatch(/every vector is the same/);
    expect(tsne.notes.join(' ')).toMatch(/perplexity lowered from 30 to 3\.0/);
    expect(tsne.options.perplexity).toBe(3);
    const umap = await embedVectors(same, 'umap');
    expect(umap.notes.join(' ')).toMatch(/1 distinct vectors of 10/);
    expect(umap.points.every((p) => p.every(Number.isFinite))).toBe(true);
  });

  it('refuses input it cannot embed with a sentence saying why', async () => {
    const refuse = (run: () => Promise<unknown>) => run().then(() => '', (e: EngineError) => `${e.code}: ${e.message}`);
    expect(await refuse(() => embedVectors([[1], [2]], 'pca'))).toMatch(/bad-input: .*at least 3 vectors/);
    expect(await refuse(() => embedVectors([[1, 2], [2], [3, 4]], 'pca'))).toMatch(/vector 1 has 1 numbers, vector 0 has 2/);
    expect(await refuse(() => embedVectors([[1], [Number.NaN], [3]], 'pca'))).toMatch(/vector 1 holds a value that is not a finite number/);
    expect(await refuse(() => embedVectors([[1], [2], [3]], 'mds' as EmbeddingMethod))).toMatch(/unknown embedding method 'mds'/);
    expect(await refuse(() => embedVectors([[1], [2], [3]], 'umap', { neighbors: 1 }))).toMatch(/neighbors must be an integer >= 2/);
    const many = Array.from({ length: TSNE_MAX_POINTS + 1 }, (_, i) => [i]);
    expect(await refuse(() => embedVectors(many, 'tsne'))).toMatch(/at most 5000 points.*use 'umap'/);
  });
});

describe('neighbour purity', () => {
  it('counts, per point, the share of its nearest other-source neighbours in its own group, beside chance', () => {
    // Two groups on a line, two sources (prompts) per group: a0 a0 | a1 | b0 b0 | b1, left to right.
    const points = [[0, 0], [0.1, 0], [1, 0], [5, 0], [5.1, 0], [6, 0]];
    const groups = ['a', 'a', 'a', 'b', 'b', 'b'];
    const sources = ['a0', 'a0', 'a1', 'b0', 'b0', 'b1'];
    const k1 = neighbourPurity(points, groups, sources, 1);
    expect(k1.purity).toBe(1);
    // a0's points see 4 others, 1 of them in group a; a1 sees 5 others, 2 in group a; and alike for b.
    expect(k1.chance).toBeCloseTo((1 / 4 + 1 / 4 + 2 / 5 + 1 / 4 + 1 / 4 + 2 / 5) / 6, 10);
    const k2 = neighbourPurity(points, groups, sources, 2);
    expect(k2.purity).toBeCloseTo((1 / 2 + 1 / 2 + 1 + 1 / 2 + 1 / 2 + 1) / 6, 10);
  });
});
