import { loadavg } from 'node:os';
import { embedVectors, type EmbeddingMethod } from '../../src-main/engine/analysis/embedding/embed';
import { neighbourPurity } from '../../src-main/engine/analysis/embedding/neighbour-purity';
import { TSNE_MAX_POINTS } from '../../src-main/engine/analysis/embedding/tsne';
import { SeededGenerator } from '../../src-main/engine/random';
import { namedWithOnly } from '../sd15/opt-in';
import type { BenchRow, BenchSection } from '../section';

const SECTION = 'router-embedding';
// A paper-sized study's vectors: 16 routed layers x K = 16 (256 numbers per image and step).
const LAYERS = 16;
const K = 16;
const THEMES = 8;

/**
 * `points` route vectors from a mixture: each theme has its own logits per layer, each point is
 * softmax(theme logits + noise) per layer, so the vectors look like router probabilities.
 */
function routeMixture(points: number, seed: number): { vectors: Float32Array[]; themes: string[] } {
  const g = new SeededGenerator(seed);
  const centres = Array.from({ length: THEMES }, () => g.normalArray(LAYERS * K).map((v) => 2 * v));
  const vectors: Float32Array[] = [];
  const themes: string[] = [];
  for (let i = 0; i < points; i++) {
    const theme = i % THEMES;
    const noise = g.normalArray(LAYERS * K);
    const v = new Float32Array(LAYERS * K);
    for (let l = 0; l < LAYERS; l++) {
      let sum = 0;
      for (let j = 0; j < K; j++) sum += v[l * K + j] = Math.exp(centres[theme][l * K + j] + 0.7 * noise[l * K + j]);
      for (let j = 0; j < K; j++) v[l * K + j] /= sum;
    }
    vectors.push(v);
    themes.push(String(theme));
  }
  return { vectors, themes };
}

async function measure(method: EmbeddingMethod, points: number): Promise<BenchRow> {
  const { vectors, themes } = routeMixture(points, 1);
  const load = loadavg()[0];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const embedding = await embedVectors(vectors, method, { seed: 1 });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // Every point its own source: plain 5-nearest-neighbour purity of the themes (chance 1/8).
  const { purity } = neighbourPurity(embedding.points, themes, themes.map((_, i) => String(i)));
  const o = embedding.options;
  const settings = method === 'tsne' ? `perplexity ${o.perplexity}, ${o.iterations} iterations` : method === 'umap' ? `${o.neighbors} neighbours, ${o.iterations} epochs` : '2 components';
  console.log(
    `[${SECTION}] ${method} ${points} x ${LAYERS * K}: ${(ms / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ` +
      `load ${load.toFixed(1)}, theme purity ${purity.toFixed(3)} (chance ${(1 / THEMES).toFixed(3)}); ${settings}`,
  );
  return { section: SECTION, backend: 'js (no tensors)', op: method, shape: `${points} x ${LAYERS * K}`, gflop: 0, medianMs: ms, gflops: 0, runs: 1 };
}

async function run(): Promise<BenchRow[]> {
  const rows = [await measure('pca', 10_000), await measure('umap', 10_000)];
  // t-SNE is exact (druidjs): quadratic in the points, refused above TSNE_MAX_POINTS.
  console.log(`[${SECTION}] tsne 10000: refused (exact t-SNE takes at most ${TSNE_MAX_POINTS} points); measured at 1,000 and 2,000 to show its growth`);
  rows.push(await measure('tsne', 1_000), await measure('tsne', 2_000));
  return rows;
}

export const section: BenchSection = {
  name: SECTION,
  description: 'router-route embedding of 10,000 vectors of 16 layers x K = 16: PCA, UMAP, and exact t-SNE at 1,000-2,000 (minutes; --only router-embedding)',
  run: () => (namedWithOnly(SECTION) ? run() : Promise.resolve([])),
};
