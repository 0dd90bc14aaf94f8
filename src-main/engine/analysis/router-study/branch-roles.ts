/** A branch taking less than a tenth of its fair share (1/K) is dead. */
const DEAD_SHARE = 0.1;
/** No branch above 1.2 times its fair share: the layer routes evenly (an untrained router does exactly). */
const EVEN_SHARE = 1.2;

/** What one layer's branch usage says: which branch leads (and by how much), whether none does, which are dead. */
export interface BranchRoles {
  top: number;
  /** The top branch's mean route probability. */
  topShare: number;
  even: boolean;
  dead: number[];
}

/** Reads one layer's usage row ([branch] mean route probability, summing to 1). */
export function branchRoles(usage: readonly number[]): BranchRoles {
  const k = usage.length;
  const topShare = Math.max(...usage);
  return {
    top: usage.indexOf(topShare),
    topShare,
    even: topShare < EVEN_SHARE / k,
    dead: usage.flatMap((share, j) => (share < DEAD_SHARE / k ? [j] : [])),
  };
}
