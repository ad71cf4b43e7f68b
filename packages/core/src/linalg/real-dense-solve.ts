import type { RealCsrMatrix } from "./sparse/real-csr";

/**
 * Solve A x = b for a small square real matrix given in CSR form, by dense LU with partial
 * pivoting (Golub & Van Loan, Alg. 3.4.1) of the equilibrated matrix R A C. Returns x and the
 * pivot ratio min |u_kk| / max |u_kk| of R A C (0 for an exactly singular matrix, whose x is then
 * not meaningful). O(n^3); for n up to a few hundred, where it beats a sparse factorisation.
 *
 * ## Equilibration
 * R and C are diagonal with powers of two (exact scaling): R makes the largest entry of each row
 * about 1, then C does the same for each column of R A (the row-then-column scaling of
 * Golub & Van Loan, Sec. 3.5.2; Higham, Accuracy and Stability of Numerical Algorithms, Sec. 9.8).
 * Equations whose rates differ by many orders of magnitude (a hot bath's g n(T) against a cold
 * one's g) then pivot on their own scale, and the pivot ratio measures near-singularity of the
 * scaled equations rather than the spread of the rates.
 */
export function realDenseSolve(a: RealCsrMatrix, b: Float64Array): { x: Float64Array; pivotRatio: number } {
  const n = a.rows;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) m[i * n + a.columns[p]] += a.values[p];
  }
  const rowScale = new Float64Array(n);
  const colScale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let big = 0;
    for (let j = 0; j < n; j++) big = Math.max(big, Math.abs(m[i * n + j]));
    rowScale[i] = powerOfTwoInverse(big);
    for (let j = 0; j < n; j++) m[i * n + j] *= rowScale[i];
  }
  for (let j = 0; j < n; j++) {
    let big = 0;
    for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(m[i * n + j]));
    colScale[j] = powerOfTwoInverse(big);
    for (let i = 0; i < n; i++) m[i * n + j] *= colScale[j];
  }
  const x = Float64Array.from(b, (v, i) => v * rowScale[i]);
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
      subtractScaledRow(m, i * n + k + 1, k * n + k + 1, f, n - k - 1);
      x[i] -= f * x[k];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    x[k] = (x[k] - rowDot(m, k * n + k + 1, x, k + 1, n - k - 1)) / m[k * n + k];
  }
  for (let j = 0; j < n; j++) x[j] *= colScale[j];
  return { x, pivotRatio: maxPivot === 0 ? 0 : minPivot / maxPivot };
}

// The inner loops are small module-level kernels: V8 optimises them after a few calls, where
// loops inlined above would run interpreted through a first (cold) solve of a few hundred unknowns.

/** m[to + j] -= f m[from + j] for j < count. */
function subtractScaledRow(m: Float64Array, to: number, from: number, f: number, count: number): void {
  for (let j = 0; j < count; j++) m[to + j] -= f * m[from + j];
}

/** sum_j m[at + j] x[xAt + j] for j < count. */
function rowDot(m: Float64Array, at: number, x: Float64Array, xAt: number, count: number): number {
  let s = 0;
  for (let j = 0; j < count; j++) s += m[at + j] * x[xAt + j];
  return s;
}

/** 2^-e with 2^e the power of two nearest above |v| (1 for v = 0 or non-finite). */
function powerOfTwoInverse(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  return 2 ** -Math.max(-1022, Math.min(1023, Math.ceil(Math.log2(v))));
}
