import type { RouterEmbeddingView, RouterStudyView } from '../../../../src-main/contract';
import { COLOUR_BY_LABELS, type ColourBy } from './scatter-model';

export const METHOD_NAMES: Record<RouterEmbeddingView['method'], string> = { pca: 'PCA', tsne: 't-SNE', umap: 'UMAP' };

/** Which layers a map embeds, in words. */
export const layersInWords = (study: Pick<RouterStudyView, 'layers'>, view: Pick<RouterEmbeddingView, 'layers'>) =>
  view.layers.length === study.layers.length ? `all ${study.layers.length} routed layers` : `${view.layers.length} of ${study.layers.length} routed layers`;

/** How well the themes separate, in a sentence (null with fewer than two themes). */
export function separationInWords(view: Pick<RouterEmbeddingView, 'themeSeparation'>): string | null {
  const s = view.themeSeparation;
  if (!s) return null;
  const verdict = s.purity > Math.min(0.95, s.chance * 1.5) ? 'the router tells these themes apart' : s.purity > s.chance * 1.1 ? 'themes lean apart a little' : 'themes are mixed: the router treats them alike';
  return `${(s.purity * 100).toFixed(0)}% of each point’s ${s.k} nearest neighbours (from other prompts) share its theme, where chance gives ${(s.chance * 100).toFixed(0)}%: ${verdict}.`;
}

/** The title and the line under it, on screen and in the exported plot. */
export function mapCaptions(study: RouterStudyView, view: RouterEmbeddingView, colourBy: ColourBy) {
  const s = view.themeSeparation;
  return {
    title: `${study.adapterName}: router routes by ${METHOD_NAMES[view.method]}, coloured by ${COLOUR_BY_LABELS[colourBy].toLowerCase()}`,
    subtitle: `${view.points.length} points (image × step) · ${layersInWords(study, view)} × K = ${study.k}${s ? ` · theme separation ${s.purity.toFixed(2)} (chance ${s.chance.toFixed(2)})` : ''}`,
  };
}
