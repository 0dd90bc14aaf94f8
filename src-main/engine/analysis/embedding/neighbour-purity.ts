/** How well groups separate in an embedding, beside what chance gives. */
export interface NeighbourPurity {
  /** Mean share of each point's k nearest neighbours (from other sources) in its own group. */
  purity: number;
  /** The same share if the neighbours were drawn at random from the other sources' points. */
  chance: number;
  k: number;
}

const count = <T,>(values: readonly T[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<T, number>());

/**
 * Nearest-neighbour purity of `groups` (e.g. themes) among 2-D points. Neighbours from the
 * point's own source (its prompt) are left out: the steps and seeds of one prompt lie together
 * under any router that tells prompts apart, so counting them would credit prompt clusters as
 * group separation.
 */
export function neighbourPurity(points: readonly (readonly number[])[], groups: readonly string[], sources: readonly string[], k = 5): NeighbourPurity {
  const n = points.length;
  const groupSize = count(groups);
  const sourceSize = count(sources);
  const groupInSource = count(groups.map((g, i) => `${g}\u0000${sources[i]}`));
  const nearD = new Float64Array(k);
  const nearJ = new Int32Array(k);
  let purity = 0;
  let chance = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    nearD.fill(Infinity);
    let found = 0;
    const [x, y] = points[i];
    for (let j = 0; j < n; j++) {
      if (sources[j] === sources[i]) continue;
      const d = (x - points[j][0]) ** 2 + (y - points[j][1]) ** 2;
      if (d >= nearD[k - 1]) continue;
      let at = k - 1;
      for (; at > 0 && nearD[at - 1] > d; at--) {
        nearD[at] = nearD[at - 1];
        nearJ[at] = nearJ[at - 1];
      }
      nearD[at] = d;
      nearJ[at] = j;
      found = Math.min(k, found + 1);
    }
    if (found === 0) continue;
    let same = 0;
    for (let m = 0; m < found; m++) if (groups[nearJ[m]] === groups[i]) same++;
    purity += same / found;
    const sameGroupElsewhere = (groupSize.get(groups[i]) ?? 0) - (groupInSource.get(`${groups[i]}\u0000${sources[i]}`) ?? 0);
    chance += sameGroupElsewhere / (n - (sourceSize.get(sources[i]) ?? 0));
    counted++;
  }
  return { purity: counted ? purity / counted : 0, chance: counted ? chance / counted : 0, k };
}
