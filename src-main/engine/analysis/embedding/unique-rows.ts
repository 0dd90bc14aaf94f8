/** The distinct rows, and for every input row the index of its distinct row. */
export function uniqueRows(rows: readonly Float64Array[]): { unique: Float64Array[]; indexOf: number[] } {
  const seen = new Map<string, number>();
  const unique: Float64Array[] = [];
  const indexOf = rows.map((row) => {
    const key = row.join(',');
    let at = seen.get(key);
    if (at === undefined) {
      at = unique.push(row) - 1;
      seen.set(key, at);
    }
    return at;
  });
  return { unique, indexOf };
}
