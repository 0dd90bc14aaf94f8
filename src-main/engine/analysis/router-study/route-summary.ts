import type { StudyRoutes } from './study-routes';

/** What the heat maps and branch-usage bars show, averaged over a study's images. */
export interface RouteSummary {
  /** [layer][step][branch]: the mean route probability of each branch at each denoising step. */
  meanByStep: number[][][];
  /** [layer][branch]: the mean over steps too; a branch near 0 is dead, one near 1 dominates. */
  usage: number[][];
}

/** Means over images (and steps) of every layer's route probabilities; images may differ in step count. */
export function routeSummary(study: StudyRoutes): RouteSummary {
  const { layers, k, images } = study;
  const steps = Math.max(...images.map((image) => image.routes.length));
  const sums = layers.map(() => Array.from({ length: steps }, () => new Float64Array(k)));
  const counts = new Array<number>(steps).fill(0);
  for (const image of images) {
    image.routes.forEach((row, step) => {
      counts[step]++;
      layers.forEach((_, l) => {
        for (let j = 0; j < k; j++) sums[l][step][j] += row[l * k + j];
      });
    });
  }
  const meanByStep = sums.map((bySteps) => bySteps.map((s, step) => Array.from(s, (v) => v / counts[step])));
  const totalRows = counts.reduce((a, b) => a + b, 0);
  const usage = sums.map((bySteps) => Array.from({ length: k }, (_, j) => bySteps.reduce((sum, s) => sum + s[j], 0) / totalRows));
  return { meanByStep, usage };
}
