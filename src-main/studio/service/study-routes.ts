import type { RouterStudyImage, RouterStudyResult } from '../../engine';
import type { RouterStudy, Store, TraceRow } from '../../storage';

/** A study image's routes as router-trace rows (one per step and layer), the form the trace tables store. */
export function traceRows(study: Pick<RouterStudyResult, 'layers' | 'k' | 'pass' | 'timesteps' | 'adapter'>, image: RouterStudyImage): TraceRow[] {
  const { layers, k } = study;
  return image.routes.flatMap((row, step) =>
    layers.map((layer, l) => ({
      imageIndex: 0,
      pass: study.pass,
      step,
      timestep: study.timesteps[step] ?? Number.NaN,
      adapter: study.adapter.name,
      layer,
      probs: row.slice(l * k, (l + 1) * k),
    })),
  );
}

/** A stored study image's routes back in the study's form: steps x (layers * K), layer after layer. */
export function storedRoutes(store: Store, study: Pick<RouterStudy, 'layers' | 'k' | 'steps'>, generationId: number): number[][] {
  const index = new Map(study.layers.map((layer, l) => [layer, l]));
  const routes = Array.from({ length: study.steps }, () => new Array<number>(study.layers.length * study.k).fill(0));
  for (const row of store.routerTraces.rows(generationId)) {
    const l = index.get(row.layer);
    if (l === undefined || row.step >= study.steps) continue;
    routes[row.step].splice(l * study.k, study.k, ...row.probs);
  }
  return routes;
}

/** Per (image, step): the branch with the highest mean probability over the chosen layers. */
export function dominantBranches(routes: readonly number[][][], sources: readonly { image: number; step: number }[], layerIndexes: readonly number[], k: number): number[] {
  return sources.map(({ image, step }) => {
    const row = routes[image][step];
    const mean = new Float64Array(k);
    for (const l of layerIndexes) for (let j = 0; j < k; j++) mean[j] += row[l * k + j];
    let best = 0;
    for (let j = 1; j < k; j++) if (mean[j] > mean[best]) best = j;
    return best;
  });
}
