import { PCA } from '@saehrimnir/druidjs';

/**
 * The rows projected on their `dims` principal components, centred on the origin (druidjs: the
 * covariance and a seeded power iteration, so the same data gives the same axes).
 */
export function pcaProjection(rows: Float64Array[], dims: number, seed: number): Float64Array[] {
  const projected = PCA.transform(rows, { d: dims, seed }); // druidjs projects the uncentred rows
  const mean = new Float64Array(dims);
  projected.forEach((p) => p.forEach((v, d) => (mean[d] += v / projected.length)));
  return projected.map((p) => p.map((v, d) => v - mean[d]));
}
