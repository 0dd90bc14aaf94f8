import { badInput } from '../../errors';

/**
 * A study's routes in compact form (plain JSON numbers): per image, one row per denoising step
 * holding every layer's K probabilities, layer after layer (layer l's branch j at l * K + j).
 */
export interface StudyRoutes {
  /** The routed layers, in the order of each row's blocks. */
  layers: string[];
  /** Branches per layer. */
  k: number;
  images: { routes: number[][] }[];
}

/** Which image and step one embedded vector came from. */
export interface RoutePoint {
  image: number;
  step: number;
}

/** A sentence for the first row whose shape does not fit the layers and K, or null. */
function shapeProblem(study: StudyRoutes): string | null {
  if (!Array.isArray(study?.layers) || study.layers.length === 0) return 'the study names no routed layers';
  if (!(Number.isInteger(study.k) && study.k > 1)) return `the study's K must be an integer above 1, got ${study.k}`;
  if (!Array.isArray(study.images) || study.images.length === 0) return 'the study has no images';
  const width = study.layers.length * study.k;
  for (const [i, image] of study.images.entries()) {
    if (!Array.isArray(image?.routes) || image.routes.length === 0) return `image ${i} has no routes`;
    const row = image.routes.findIndex((r) => !Array.isArray(r) || r.length !== width);
    if (row >= 0) return `image ${i} step ${row} has ${image.routes[row]?.length ?? 0} values, not layers x K = ${width}`;
  }
  return null;
}

/**
 * One vector per (image, step): the chosen layers' probabilities concatenated (spec section 6),
 * all routed layers unless `layers` picks some, in the study's layer order.
 */
export function studyVectors(study: StudyRoutes, layers?: readonly string[]): { vectors: Float32Array[]; points: RoutePoint[]; layers: string[] } {
  const problem = shapeProblem(study);
  if (problem) throw badInput(`the router study cannot be embedded: ${problem}`);
  const chosen = layers && layers.length > 0 ? [...layers] : study.layers;
  const unknown = chosen.filter((l) => !study.layers.includes(l));
  if (unknown.length > 0) throw badInput(`the study has no routed layer ${unknown[0]}: pick among its ${study.layers.length} layers (e.g. ${study.layers[0]})`);
  const offsets = chosen.map((l) => study.layers.indexOf(l) * study.k);
  const { k } = study;
  const vectors: Float32Array[] = [];
  const points: RoutePoint[] = [];
  study.images.forEach((image, i) =>
    image.routes.forEach((row, step) => {
      const vector = new Float32Array(offsets.length * k);
      offsets.forEach((offset, l) => vector.set(row.slice(offset, offset + k), l * k));
      vectors.push(vector);
      points.push({ image: i, step });
    }),
  );
  return { vectors, points, layers: chosen };
}
