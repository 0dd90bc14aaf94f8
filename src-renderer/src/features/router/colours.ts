import { interpolateSinebow, interpolateViridis, schemeTableau10 } from 'd3-scale-chromatic';

/**
 * A colour per category (theme, prompt, branch), in order: Tableau 10 while it lasts (as the
 * CLI's plots), evenly spaced hues beyond it.
 */
export function categoryColours(count: number): string[] {
  if (count <= schemeTableau10.length) return schemeTableau10.slice(0, count);
  return Array.from({ length: count }, (_, i) => interpolateSinebow(i / count));
}

/** t in [0, 1] on viridis (perceptually even, readable by colour-blind viewers): route probabilities and steps. */
export const viridis = (t: number): string => interpolateViridis(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)));
