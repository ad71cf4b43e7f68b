import type { ComplexMatrix } from "../linalg/complex-matrix";
import type { CsrMatrix } from "../linalg/csr";

/**
 * Pivots below this fraction of the largest one count as zero in `kernelDimension`; the same
 * threshold as steadyState's SINGULAR_PIVOT_RATIO, so that the two agree on uniqueness.
 */
export const KERNEL_TOLERANCE = 1e-12;

/**
 * Numerical dimension of the kernel of a square matrix (for a Liouvillian: the number of
 * independent steady states), from Gaussian elimination with complete pivoting: the number of
 * pivots below `tolerance` times the first one. Complete pivoting reveals the rank reliably for
 * the matrices met here (Golub & Van Loan, Sec. 3.4.8; Higham, Accuracy and Stability, Ch. 9).
 * Costs O(n^3) for an n x n matrix; works on a copy. `blockKernelDimension` gives the same count
 * for a sparse matrix at the cost of its diagonal blocks.
 */
export function kernelDimension(a: ComplexMatrix, tolerance = KERNEL_TOLERANCE): number {
  return rankDeficit(a.data.slice(), a.rows, (first) => tolerance * first);
}

/**
 * `kernelDimension` of a sparse square matrix through its diagonal blocks: the connected
 * components of its pattern (entry (i, j) joins i and j) order it block-diagonally by a symmetric
 * permutation, and the kernel's dimension is the sum of the blocks'. A Liouvillian with a
 * conserved charge splits into the blocks |q><q'| of fixed q - q' (and further where its terms
 * connect less), so the check costs sum over blocks of n_b^3 instead of (d^2)^3. Pivots count as
 * zero below `tolerance` times the largest entry of the whole matrix, as in the dense elimination,
 * whose complete pivoting takes the same pivots, block by block. Returns null, without
 * eliminating, when sum n_b^3 exceeds `maxWork`.
 */
export function blockKernelDimension(
  a: CsrMatrix,
  tolerance = KERNEL_TOLERANCE,
  maxWork = Number.POSITIVE_INFINITY,
): number | null {
  const n = a.rows;
  const { rowStart, columns, values } = a;
  const blocks = patternComponents(a);
  const sizes = new Int32Array(n);
  for (let i = 0; i < n; i++) sizes[blocks.root[i]]++;
  let work = 0;
  for (let i = 0; i < n; i++) work += sizes[i] ** 3;
  if (work > maxWork) return null;
  let largest = 0;
  for (let k = 0; k < values.length; k += 2)
    largest = Math.max(largest, Math.hypot(values[k], values[k + 1]));
  const threshold = tolerance * largest;
  // Members of each block in index order, and each index's place in its block.
  const local = new Int32Array(n);
  const members: number[][] = [];
  const blockOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = blocks.root[i];
    if (blockOf[r] < 0) {
      blockOf[r] = members.length;
      members.push([]);
    }
    const list = members[blockOf[r]];
    local[i] = list.length;
    list.push(i);
  }
  let deficit = 0;
  for (const rows of members) {
    const m = rows.length;
    const dense = new Float64Array(2 * m * m);
    for (let r = 0; r < m; r++) {
      const i = rows[r];
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
        const s = 2 * (r * m + local[columns[p]]);
        dense[s] += values[2 * p];
        dense[s + 1] += values[2 * p + 1];
      }
    }
    deficit += rankDeficit(dense, m, () => threshold);
  }
  return deficit;
}

/**
 * The connected components of the pattern of a square sparse matrix (union-find with path
 * halving; Tarjan 1975): `root[i]` is one index shared by every index of i's component.
 */
function patternComponents(a: CsrMatrix): { root: Int32Array } {
  const n = a.rows;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let i = 0; i < n; i++) {
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
      const ri = find(i);
      const rj = find(a.columns[p]);
      if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
    }
  }
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = find(i);
  return { root };
}

/**
 * n minus the rank that Gaussian elimination with complete pivoting finds in the interleaved
 * n x n matrix m (overwritten): elimination stops at the first pivot at most `cut(first pivot)`.
 */
function rankDeficit(m: Float64Array, n: number, cut: (first: number) => number): number {
  let threshold = 0;
  for (let k = 0; k < n; k++) {
    let best = -1;
    let pr = k;
    let pc = k;
    for (let i = k; i < n; i++) {
      for (let j = k; j < n; j++) {
        const s = 2 * (i * n + j);
        const v = m[s] * m[s] + m[s + 1] * m[s + 1];
        if (v > best) {
          best = v;
          pr = i;
          pc = j;
        }
      }
    }
    const pivot = Math.sqrt(best);
    if (k === 0) threshold = cut(pivot);
    if (pivot <= threshold || pivot === 0) return n - k;
    if (pr !== k) for (let j = 0; j < 2 * n; j++) swap(m, 2 * k * n + j, 2 * pr * n + j);
    if (pc !== k) {
      for (let i = 0; i < n; i++) {
        swap(m, 2 * (i * n + k), 2 * (i * n + pc));
        swap(m, 2 * (i * n + k) + 1, 2 * (i * n + pc) + 1);
      }
    }
    const kk = 2 * (k * n + k);
    const den = m[kk] * m[kk] + m[kk + 1] * m[kk + 1];
    const ir = m[kk] / den;
    const ii = -m[kk + 1] / den;
    for (let i = k + 1; i < n; i++) {
      const ik = 2 * (i * n + k);
      const fr = m[ik] * ir - m[ik + 1] * ii;
      const fi = m[ik] * ii + m[ik + 1] * ir;
      if (fr === 0 && fi === 0) continue;
      for (let j = k + 1; j < n; j++) {
        const kj = 2 * (k * n + j);
        const ij = 2 * (i * n + j);
        m[ij] -= fr * m[kj] - fi * m[kj + 1];
        m[ij + 1] -= fr * m[kj + 1] + fi * m[kj];
      }
    }
  }
  return 0;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
