/** Each row's k nearest rows (itself first, at distance 0), nearest first, with Euclidean distances. */
export interface NeighbourLists {
  indices: number[][];
  distances: number[][];
}

/**
 * Exact k nearest neighbours by brute force over a flat copy of the rows: each pair once, both
 * rows' lists updated. For the low-dimensional rows UMAP gets (after PCA) this is faster than an
 * approximate search here (10,000 x 32 dims in a few seconds), and exact, so the same data always
 * gives the same graph.
 */
export function nearestNeighbours(rows: readonly Float64Array[], k: number): NeighbourLists {
  const n = rows.length;
  const dims = rows[0]?.length ?? 0;
  const flat = new Float64Array(n * dims);
  rows.forEach((row, i) => flat.set(row, i * dims));
  // Per row, its k best so far as squared distances, sorted ascending; itself is in from the start.
  const best = new Float64Array(n * k).fill(Infinity);
  const index = new Int32Array(n * k).fill(-1);
  for (let i = 0; i < n; i++) {
    best[i * k] = 0;
    index[i * k] = i;
  }
  const offer = (row: number, candidate: number, d2: number) => {
    const base = row * k;
    if (d2 >= best[base + k - 1]) return;
    let at = base + k - 1;
    while (at > base && best[at - 1] > d2) {
      best[at] = best[at - 1];
      index[at] = index[at - 1];
      at--;
    }
    best[at] = d2;
    index[at] = candidate;
  };
  for (let i = 0; i < n; i++) {
    const a = i * dims;
    for (let j = i + 1; j < n; j++) {
      const b = j * dims;
      let d2 = 0;
      for (let c = 0; c < dims; c++) {
        const diff = flat[a + c] - flat[b + c];
        d2 += diff * diff;
      }
      offer(i, j, d2);
      offer(j, i, d2);
    }
  }
  const indices = Array.from({ length: n }, (_, i) => Array.from(index.subarray(i * k, (i + 1) * k)));
  const distances = Array.from({ length: n }, (_, i) => Array.from(best.subarray(i * k, (i + 1) * k), Math.sqrt));
  return { indices, distances };
}
