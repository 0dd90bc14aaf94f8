import Papa from 'papaparse';
import type { RouterEmbeddingView, RouterStudyView } from '../../../../src-main/contract';

export const CSV_COLUMNS = ['point', 'image', 'prompt', 'theme', 'seed', 'step', 'x', 'y', 'dominant'] as const;

/**
 * One row per point. Points, images and steps count from 1, as the page shows them; `dominant`
 * is the branch number (from 0, as in the heat maps); x and y are the embedding's own values.
 */
export function embeddingCsv(study: Pick<RouterStudyView, 'images'>, view: Pick<RouterEmbeddingView, 'points' | 'sources' | 'dominant'>): string {
  const rows = view.points.map(([x, y], i) => {
    const { image, step } = view.sources[i];
    const { prompt, theme, seed } = study.images[image];
    return [i + 1, image + 1, prompt, theme, seed, step + 1, x, y, view.dominant[i]];
  });
  return Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: '\n' });
}
