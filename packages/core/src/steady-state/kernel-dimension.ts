import type { ComplexMatrix } from "../linalg/complex-matrix";

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
 * Costs O(n^3) for an n x n matrix; works on a copy.
 */
export function kernelDimension(a: ComplexMatrix, tolerance = KERNEL_TOLERANCE): number {
  const n = a.rows;
  const m = a.data.slice();
  let first = 0;
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
    if (k === 0) first = pivot;
    if (pivot <= tolerance * first || pivot === 0) return n - k;
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
