/** FNV-1a over a row's bits: equal rows hash alike, so only rows sharing a hash are compared. */
function rowHash(row: Float64Array): number {
  const words = new Uint32Array(row.buffer, row.byteOffset, row.length * 2);
  let hash = 2166136261;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 16777619);
  return hash >>> 0;
}

const sameRow = (a: Float64Array, b: Float64Array) => a.every((v, i) => v === b[i]);

/** The distinct rows, and for every input row the index of its distinct row. */
export function uniqueRows(rows: readonly Float64Array[]): { unique: Float64Array[]; indexOf: number[] } {
  const byHash = new Map<number, number[]>();
  const unique: Float64Array[] = [];
  const indexOf = rows.map((row) => {
    const hash = rowHash(row);
    const candidates = byHash.get(hash) ?? [];
    let at = candidates.find((u) => sameRow(unique[u], row));
    if (at === undefined) {
      at = unique.push(row) - 1;
      byHash.set(hash, [...candidates, at]);
    }
    return at;
  });
  return { unique, indexOf };
}
