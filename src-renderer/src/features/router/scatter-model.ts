import type { RouterEmbeddingView, RouterStudyView } from '../../../../src-main/contract';
import { categoryColours, viridis } from './colours';

export type ColourBy = 'theme' | 'prompt' | 'step' | 'dominant';

export const COLOUR_BY_LABELS: Record<ColourBy, string> = { theme: 'Theme', prompt: 'Prompt', step: 'Step', dominant: 'Dominant branch' };

export interface LegendEntry {
  label: string;
  colour: string;
  /** Points of this colour. */
  count: number;
}

/** Categories get a swatch each; steps a ramp from the first to the last. */
export type Legend = { kind: 'categories'; entries: LegendEntry[] } | { kind: 'ramp'; first: string; last: string; colours: string[] };

/** What the canvas, the SVG export and the hit tests share: where each point lies and its colour. */
export interface ScatterModel {
  count: number;
  /** x then y per point, scaled into [0, 1] with a margin (y up); t-SNE's and UMAP's axes carry no meaning. */
  xy: Float32Array;
  /** Index into `colours` per point. */
  colourOf: Uint16Array;
  colours: string[];
  legend: Legend;
  /** Point radius in CSS pixels: smaller as points crowd. */
  radius: number;
}

const MARGIN = 0.04;

/** The embedding as drawable points, coloured by theme, prompt, step or dominant branch. */
export function scatterModel(study: Pick<RouterStudyView, 'images' | 'steps' | 'k'>, view: Pick<RouterEmbeddingView, 'points' | 'sources' | 'dominant'>, colourBy: ColourBy): ScatterModel {
  const count = view.points.length;
  const { colourOf, colours, legend } = colouring(study, view, colourBy);
  return { count, xy: scaledPositions(view.points), colourOf, colours, legend, radius: count > 3000 ? 2 : count > 500 ? 3 : 4.5 };
}

function scaledPositions(points: readonly (readonly number[])[]): Float32Array {
  const xy = new Float32Array(points.length * 2);
  for (const axis of [0, 1]) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of points) {
      lo = Math.min(lo, p[axis]);
      hi = Math.max(hi, p[axis]);
    }
    const span = hi - lo;
    // All alike on this axis (an untrained router routes every image alike): the middle.
    points.forEach((p, i) => (xy[i * 2 + axis] = span > 0 ? MARGIN + ((1 - 2 * MARGIN) * (p[axis] - lo)) / span : 0.5));
  }
  return xy;
}

function colouring(study: Pick<RouterStudyView, 'images' | 'steps' | 'k'>, view: Pick<RouterEmbeddingView, 'sources' | 'dominant'>, colourBy: ColourBy) {
  if (colourBy === 'step') {
    const colours = Array.from({ length: study.steps }, (_, s) => viridis(study.steps === 1 ? 0.5 : s / (study.steps - 1)));
    const colourOf = Uint16Array.from(view.sources, (s) => s.step);
    return { colourOf, colours, legend: { kind: 'ramp' as const, first: 'step 1', last: `step ${study.steps}`, colours } };
  }
  const labelOf = (i: number): string => {
    const image = study.images[view.sources[i].image];
    if (colourBy === 'dominant') return `branch ${view.dominant[i]}`;
    return colourBy === 'theme' ? image.theme : image.prompt;
  };
  // Categories in a stable order: themes and prompts as the study lists them, branches by number.
  const order =
    colourBy === 'dominant'
      ? Array.from({ length: study.k }, (_, j) => `branch ${j}`)
      : [...new Set(study.images.map((image) => (colourBy === 'theme' ? image.theme : image.prompt)))];
  const index = new Map(order.map((label, i) => [label, i]));
  const colours = categoryColours(order.length);
  const colourOf = Uint16Array.from(view.sources, (_, i) => index.get(labelOf(i)) ?? 0);
  const counts = new Array<number>(order.length).fill(0);
  for (const c of colourOf) counts[c]++;
  const entries = order.map((label, i) => ({ label, colour: colours[i], count: counts[i] })).filter((e) => e.count > 0);
  return { colourOf, colours, legend: { kind: 'categories' as const, entries } };
}
