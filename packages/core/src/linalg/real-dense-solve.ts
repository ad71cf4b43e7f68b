import type { RealCsrMatrix } from "./sparse/real-csr";

/**
 * Solve A x = b for a small square real matrix given in CSR form, by dense LU with partial
 * pivoting (Golub & Van Loan, Alg. 3.4.1). Returns x and the pivot ratio min |u_kk| / max |u_kk|
 * (0 for an exactly singular matrix, whose x is then not meaningful). O(n^3); for n up to a few
 * hundred, where it beats a sparse factorisation.
 */
export function realDenseSolve(a: RealCsrMatrix, b: Float64Array): { x: Float64Array; pivotRatio: number } {
  const n = a.rows;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) m[i * n + a.columns[p]] += a.values[p];
  }
  const x = Float64Array.from(b);
  let minPivot = Number.POSITIVE_INFINITY;
  let maxPivot = 0;
  for (let k = 0; k < n; k++) {
    let pr = k;
    let best = Math.abs(m[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(m[i * n + k]);
      if (v > best) {
        best = v;
        pr = i;
      }
    }
    minPivot = Math.min(minPivot, best);
    maxPivot = Math.max(maxPivot, best);
    if (best === 0) return { x, pivotRatio: 0 };
    if (pr !== k) {
      for (let j = 0; j < n; j++) {
        const t = m[k * n + j];
        m[k * n + j] = m[pr * n + j];
        m[pr * n + j] = t;
      }
      const t = x[k];
      x[k] = x[pr];
      x[pr] = t;
    }
    const pivot = m[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = m[i * n + k] / pivot;
      if (f === 0) continue;
      m[i * n + k] = 0;
      for (let j = k + 1; j < n; j++) m[i * n + j] -= f * m[k * n + j];
      x[i] -= f * x[k];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    let s = x[k];
    for (let j = k + 1; j < n; j++) s -= m[k * n + j] * x[j];
    x[k] = s / m[k * n + k];
  }
  return { x, pivotRatio: maxPivot === 0 ? 0 : minPivot / maxPivot };
}
