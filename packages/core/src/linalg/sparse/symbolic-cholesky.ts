import type { SymmetricPattern } from "./symmetric-pattern";

/**
 * Elimination tree of the symmetric pattern reordered by `perm` (new-to-old): parent[k] is the
 * parent of (new) node k, -1 at a root. Liu's algorithm with path compression through virtual
 * ancestors (Liu, SIAM J. Matrix Anal. Appl. 11 (1990) 134; Davis 2006, section 4.1, cs_etree).
 */
export function eliminationTree(
  pattern: SymmetricPattern,
  perm: Int32Array,
  inverse: Int32Array,
): Int32Array {
  const { n, start, adjacency } = pattern;
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const old = perm[k];
    for (let p = start[old]; p < start[old + 1]; p++) {
      let i = inverse[adjacency[p]];
      while (i !== -1 && i < k) {
        const up = ancestor[i];
        ancestor[i] = k;
        if (up === -1) {
          parent[i] = k;
          break;
        }
        i = up;
      }
    }
  }
  return parent;
}

/**
 * Number of entries (diagonal included) of the Cholesky factor L of the reordered pattern, by
 * walking each row subtree of the elimination tree (Davis 2006, section 4.2): O(|L|) time, O(n)
 * memory. Stops early and returns a value above `stopAbove` once that bound is crossed, so that
 * refusing a too-large factorisation stays cheap.
 */
export function choleskyFactorEntries(
  pattern: SymmetricPattern,
  perm: Int32Array,
  inverse: Int32Array,
  stopAbove = Number.POSITIVE_INFINITY,
): number {
  const { n, start, adjacency } = pattern;
  const parent = eliminationTree(pattern, perm, inverse);
  const mark = new Int32Array(n).fill(-1);
  let total = n;
  for (let k = 0; k < n; k++) {
    mark[k] = k;
    const old = perm[k];
    for (let p = start[old]; p < start[old + 1]; p++) {
      let i = inverse[adjacency[p]];
      if (i > k) continue;
      while (mark[i] !== k) {
        mark[i] = k;
        total++;
        i = parent[i];
      }
    }
    if (total > stopAbove) return total;
  }
  return total;
}
