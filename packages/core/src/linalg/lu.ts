import type { ComplexMatrix } from "./complex-matrix";

/**
 * LU factorisation with partial pivoting of a square complex matrix, P A = L U, stored in one
 * matrix (unit lower L below the diagonal, U on and above it) with the row permutation.
 *
 * ## Notes
 * Pivots are chosen by largest modulus |re| + |im| in the column (Golub & Van Loan,
 * Matrix Computations, 4th ed., Alg. 3.4.1). `smallestPivotRatio` is min |u_kk| / max |u_kk|,
 * a cheap indicator of near-singularity that callers use to detect a kernel of dimension > 1.
 */
export interface LuFactorization {
  /** Size of the (square) matrix. */
  readonly n: number;
  /** L (unit lower, below the diagonal) and U (on and above it) in one matrix. */
  readonly lu: ComplexMatrix;
  /** The row interchanges, LAPACK style: at step k, row k was swapped with row pivots[k] (>= k). */
  readonly pivots: Int32Array;
  /** min |u_kk| / max |u_kk|: near zero when the matrix is close to singular. */
  readonly smallestPivotRatio: number;
}

/** Factorise a copy of `a` (which is left untouched). */
export function luFactor(a: ComplexMatrix): LuFactorization {
  const n = a.rows;
  const lu = a.clone();
  const d = lu.data;
  const pivots = new Int32Array(n);
  let minPivot = Number.POSITIVE_INFINITY;
  let maxPivot = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = -1;
    for (let i = k; i < n; i++) {
      const s = 2 * (i * n + k);
      const m = Math.abs(d[s]) + Math.abs(d[s + 1]);
      if (m > best) {
        best = m;
        p = i;
      }
    }
    pivots[k] = p;
    if (p !== k) {
      for (let j = 0; j < 2 * n; j++) {
        const t = d[2 * k * n + j];
        d[2 * k * n + j] = d[2 * p * n + j];
        d[2 * p * n + j] = t;
      }
    }
    const kk = 2 * (k * n + k);
    const pr = d[kk];
    const pi = d[kk + 1];
    const mod = Math.hypot(pr, pi);
    if (mod < minPivot) minPivot = mod;
    if (mod > maxPivot) maxPivot = mod;
    if (mod === 0) continue;
    const den = pr * pr + pi * pi;
    const ir = pr / den;
    const ii = -pi / den;
    for (let i = k + 1; i < n; i++) {
      const ik = 2 * (i * n + k);
      const xr = d[ik];
      const xi = d[ik + 1];
      if (xr === 0 && xi === 0) continue;
      const fr = xr * ir - xi * ii;
      const fi = xr * ii + xi * ir;
      d[ik] = fr;
      d[ik + 1] = fi;
      const rowI = 2 * i * n;
      const rowK = 2 * k * n;
      for (let j = k + 1; j < n; j++) {
        const ur = d[rowK + 2 * j];
        const ui = d[rowK + 2 * j + 1];
        d[rowI + 2 * j] -= fr * ur - fi * ui;
        d[rowI + 2 * j + 1] -= fr * ui + fi * ur;
      }
    }
  }
  const smallestPivotRatio = n === 0 ? 1 : maxPivot === 0 ? 0 : minPivot / maxPivot;
  return { n, lu, pivots, smallestPivotRatio };
}

/**
 * Solve A x = b in place in `b` (interleaved complex vector of length 2n) with a factorisation
 * from `luFactor`. A zero pivot yields non-finite entries: callers check `smallestPivotRatio` first.
 */
export function luSolveInPlace(f: LuFactorization, b: Float64Array): Float64Array {
  const { n, pivots } = f;
  const d = f.lu.data;
  for (let k = 0; k < n; k++) {
    const p = pivots[k];
    if (p !== k) {
      const tr = b[2 * k];
      const ti = b[2 * k + 1];
      b[2 * k] = b[2 * p];
      b[2 * k + 1] = b[2 * p + 1];
      b[2 * p] = tr;
      b[2 * p + 1] = ti;
    }
  }
  for (let i = 0; i < n; i++) {
    let sr = b[2 * i];
    let si = b[2 * i + 1];
    const row = 2 * i * n;
    for (let j = 0; j < i; j++) {
      const lr = d[row + 2 * j];
      const li = d[row + 2 * j + 1];
      sr -= lr * b[2 * j] - li * b[2 * j + 1];
      si -= lr * b[2 * j + 1] + li * b[2 * j];
    }
    b[2 * i] = sr;
    b[2 * i + 1] = si;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sr = b[2 * i];
    let si = b[2 * i + 1];
    const row = 2 * i * n;
    for (let j = i + 1; j < n; j++) {
      const ur = d[row + 2 * j];
      const ui = d[row + 2 * j + 1];
      sr -= ur * b[2 * j] - ui * b[2 * j + 1];
      si -= ur * b[2 * j + 1] + ui * b[2 * j];
    }
    const pr = d[row + 2 * i];
    const pi = d[row + 2 * i + 1];
    const den = pr * pr + pi * pi;
    b[2 * i] = (sr * pr + si * pi) / den;
    b[2 * i + 1] = (si * pr - sr * pi) / den;
  }
  return b;
}

/** Solve A x = b for a fresh x (b untouched). */
export function luSolve(f: LuFactorization, b: Float64Array): Float64Array {
  return luSolveInPlace(f, b.slice());
}
