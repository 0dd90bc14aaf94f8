import { TSNE } from '@saehrimnir/druidjs';
import { badInput } from '../../errors';
import { iterationPacer, type EmbeddingRun } from './iteration-pacer';

/**
 * druidjs's t-SNE is exact: every iteration touches all N^2 pairs and it keeps N x N matrices
 * (10,000 points: 1.6 GB and hours here; see `npm run bench -- --only router-embedding`). Above
 * this many points UMAP is the method that finishes.
 */
export const TSNE_MAX_POINTS = 5000;

export interface TsneSettings {
  perplexity: number;
  iterations: number;
  seed: number;
}

/** t-SNE to 2-D with druidjs (seeded start, so the same data and settings give the same picture). */
export async function tsneEmbedding(rows: Float64Array[], settings: TsneSettings, run: EmbeddingRun): Promise<Float64Array[]> {
  if (rows.length > TSNE_MAX_POINTS) {
    throw badInput(
      `t-SNE here is exact (time and memory grow with the square of the points) and takes at most ${TSNE_MAX_POINTS} points, got ${rows.length}: ` +
        "use 'umap' for this many, or embed fewer layers' images or steps",
    );
  }
  const tsne = new TSNE(rows, { perplexity: settings.perplexity, epsilon: 10, d: 2, seed: settings.seed });
  tsne.check_init(); // the pairwise affinities: the O(N^2 D) part before the first iteration
  const pace = iterationPacer(settings.iterations, run, 't-SNE');
  let done = 0;
  for (const _ of tsne.generator(settings.iterations)) await pace(++done);
  return tsne.projection;
}
