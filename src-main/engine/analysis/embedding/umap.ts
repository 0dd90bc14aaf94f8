import { UMAP } from 'umap-js';
import { SeededGenerator } from '../../random';
import { iterationPacer, type EmbeddingRun } from './iteration-pacer';
import { nearestNeighbours } from './nearest-neighbours';
import { pcaProjection } from './pca';

/** UMAP's neighbour search runs on this many principal components (the usual reduction before it). */
export const UMAP_SEARCH_DIMS = 32;

export interface UmapSettings {
  neighbors: number;
  minDist: number;
  /** Optimisation epochs. */
  iterations: number;
  seed: number;
}

/**
 * UMAP to 2-D with umap-js, seeded. The neighbour graph comes from an exact search on the rows'
 * first 32 principal components (faster here than umap-js's approximate search on all
 * dimensions, and the same every time). The layout starts from the first two principal
 * components instead of umap-js's random start: a study's prompts form tight clusters the graph
 * barely links, and from a random start such clusters land anywhere, so groups of prompts that
 * differ would be scattered among each other; from PCA their arrangement carries over.
 */
export async function umapEmbedding(rows: Float64Array[], settings: UmapSettings, run: EmbeddingRun): Promise<Float64Array[]> {
  const searchRows = searchSpace(rows, settings.seed);
  const { indices, distances } = nearestNeighbours(searchRows, settings.neighbors);
  const random = new SeededGenerator(settings.seed);
  const umap = new UMAP({ nComponents: 2, nNeighbors: settings.neighbors, minDist: settings.minDist, nEpochs: settings.iterations, random: () => random.uniform() });
  umap.setPrecomputedKNN(indices, distances);
  const epochs = umap.initializeFit(searchRows.map((row) => Array.from(row)));
  // getEmbedding() hands out the very arrays the optimiser moves: set the start in place.
  startFromPca(umap.getEmbedding(), pcaProjection(searchRows, 2, settings.seed), random);
  const pace = iterationPacer(epochs, run, 'UMAP');
  for (let epoch = 0; epoch < epochs; epoch++) {
    umap.step();
    await pace(epoch + 1);
  }
  return umap.getEmbedding().map((point) => Float64Array.from(point));
}

/**
 * The rows on their first 32 principal components when there are more dimensions than that and
 * enough rows to estimate them (with fewer rows than components the power iteration has no
 * directions to find); the rows as they are otherwise.
 */
function searchSpace(rows: Float64Array[], seed: number): Float64Array[] {
  if (rows[0].length <= UMAP_SEARCH_DIMS || rows.length <= 2 * UMAP_SEARCH_DIMS) return rows;
  return pcaProjection(rows, UMAP_SEARCH_DIMS, seed);
}

/** The PCA coordinates scaled into umap-js's start box [-10, 10], with a trace of noise so identical vectors can part. */
function startFromPca(embedding: number[][], pca: Float64Array[], random: SeededGenerator): void {
  const extent = Math.max(...pca.map((p) => Math.max(Math.abs(p[0]), Math.abs(p[1]))).filter(Number.isFinite), 1e-12);
  const jitter = () => (random.uniform() - 0.5) * 1e-3;
  embedding.forEach((point, i) => {
    for (let d = 0; d < 2; d++) point[d] = (Number.isFinite(pca[i][d]) ? (10 * pca[i][d]) / extent : 0) + jitter();
  });
}
