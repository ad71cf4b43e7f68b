import { NumericalError } from "../errors/numerical-error";
import { realAxpyAt, realDotAt } from "./real-vector";

/** QL sweeps allowed per eigenvalue before the iteration is declared not converged (2-3 typical). */
export const SYMMETRIC_QL_MAX_SWEEPS = 60;

/**
 * Eigenvalues (unsorted) and orthonormal eigenvectors of a real symmetric n x n matrix given
 * row-major in `a` (only the lower triangle is read; `a` is overwritten). Returns the eigenvalues,
 * and leaves in `a` the eigenvectors as its rows: row k of `a` is the eigenvector of value k.
 *
 * ## Method
 * Householder reduction to tridiagonal form T = Q^T A Q, then the implicit QL iteration with
 * Wilkinson's shift on T, each plane rotation also applied to the accumulated Q (Golub & Van Loan,
 * "Matrix Computations", 4th ed., algorithms 8.3.1 and 8.3.2; Wilkinson & Reinsch, "Handbook for
 * Automatic Computation II", 1971, tred2 and tql2). Both stages are orthogonal transformations,
 * so the result is backward stable: A V - V D is of the order of machine epsilon times ||A||, and
 * the eigenvectors are orthonormal also inside degenerate eigenspaces. Everything runs on one
 * Float64Array with Q stored transposed (rows are vectors), so every inner loop is contiguous.
 */
export function symmetricEigenInPlace(a: Float64Array, n: number): Float64Array {
  const { d, e, betas } = tridiagonalise(a, n);
  // Q^T = H_{n-3} ... H_0 accumulated into `q` (row i of q is column i of Q): start from I and
  // apply the reflectors from the last to the first, each touching rows and columns k + 1...
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let k = n - 3; k >= 0; k--) {
    const beta = betas[k];
    if (beta === 0) continue;
    const u = k * n; // u_i = a[u + i], i > k
    // Q <- H_k Q on the trailing block: column j of Q changes by -beta u (u . Q[., j]); in the
    // transposed storage row j of q is column j of Q.
    for (let j = k + 1; j < n; j++) reflectRow(q, j * n, a, u, k + 1, n, beta);
  }
  // q row j is column j of Q^T ... of H_0 ... H_{n-3} = Q: so q = Q^T, rows are Q's columns.
  tridiagonalQl(d, e, q, n);
  a.set(q);
  return d;
}

/**
 * The eigenvalues (unsorted) of a real symmetric n x n matrix given row-major in `a` (only the
 * lower triangle is read; `a` is overwritten): `symmetricEigenInPlace` without the eigenvectors,
 * so neither the reflectors nor the QL rotations are accumulated. About (4/3) n^3 flops.
 */
export function symmetricEigenvaluesInPlace(a: Float64Array, n: number): Float64Array {
  const { d, e } = tridiagonalise(a, n);
  tridiagonalQl(d, e, null, n);
  return d;
}

/**
 * Householder reduction of the symmetric matrix in `a` (lower triangle) to the tridiagonal
 * T = Q^T A Q with diagonal d and subdiagonal e (e[k] = T[k + 1][k], e[n - 1] = 0). The reflector
 * I - beta u u^T of column k is left in row k of `a` (entries k + 1..), beta in betas[k].
 */
function tridiagonalise(
  a: Float64Array,
  n: number,
): { d: Float64Array; e: Float64Array; betas: Float64Array } {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  const betas = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    let scale = 0;
    for (let i = k + 1; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + k]));
    d[k] = a[k * n + k];
    if (scale === 0) {
      e[k] = 0;
      continue;
    }
    let sigma = 0;
    for (let i = k + 1; i < n; i++) {
      const x = a[i * n + k] / scale;
      v[i] = x;
      sigma += x * x;
    }
    const x0 = v[k + 1];
    const alpha = x0 >= 0 ? -Math.sqrt(sigma) : Math.sqrt(sigma); // x -> alpha e_1, no cancellation
    v[k + 1] = x0 - alpha;
    const beta = 1 / (sigma - x0 * alpha); // 2 / |u|^2 with |u|^2 = 2 (sigma - x0 alpha)
    e[k] = alpha * scale;
    betas[k] = beta;
    // w = p - (beta p.u / 2) u with p = beta A' u on the trailing block, then A' -= u w^T + w u^T.
    reflectorDirection(a, n, k, v, w, beta);
    for (let i = k + 1; i < n; i++) symmetricRankTwoRow(a, i * n, k + 1, i, v, w);
    for (let i = k + 1; i < n; i++) a[k * n + i] = v[i]; // keep u in row k (upper part is free)
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[n - 2] = a[(n - 1) * n + n - 2];
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1];
  e[Math.max(0, n - 1)] = 0;
  return { d, e, betas };
}

/**
 * The implicit QL iteration with Wilkinson's shift on the symmetric tridiagonal matrix with
 * diagonal d and subdiagonal e (e[k] joins k and k + 1); d becomes the eigenvalues and each plane
 * rotation is applied to rows of z (z's row k ends as the eigenvector of d[k] in the basis z
 * started in), unless z is null (eigenvalues only).
 */
function tridiagonalQl(d: Float64Array, e: Float64Array, z: Float64Array | null, n: number): void {
  let norm = 0;
  for (let k = 0; k < n; k++) norm = Math.max(norm, Math.abs(d[k]) + Math.abs(e[k]));
  // An off-diagonal this small is zero to working precision (relative to its neighbours, or to
  // ||T|| when the neighbours vanish, which also ends the iteration on subnormal entries).
  const floor = Number.EPSILON * norm;
  for (let l = 0; l < n; l++) {
    let sweeps = 0;
    for (;;) {
      let m = l;
      while (m < n - 1) {
        const off = Math.abs(e[m]);
        if (off <= Number.EPSILON * (Math.abs(d[m]) + Math.abs(d[m + 1])) || off <= floor) break;
        m++;
      }
      if (m === l) break;
      if (++sweeps > SYMMETRIC_QL_MAX_SWEEPS) {
        throw new NumericalError(
          "not-converged",
          `symmetric eigenvalue QL iteration did not converge in ${SYMMETRIC_QL_MAX_SWEEPS} sweeps`,
        );
      }
      // Wilkinson's shift from the leading 2 x 2 block, folded into g = d[m] - shift.
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Underflow: the chase stops here; take the deflated part and sweep again.
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (z) rotateRows(z, i * n, n, c, s);
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

// The inner loops are small module-level kernels: V8 optimises them after a few calls, while loops
// inlined in the two functions above would run in the interpreter until those tier up (a cold
// process meets many small eigenproblems, e.g. one per symmetry class of a preconditioner).

/**
 * For the reflector u = v[k+1..] with factor beta on the trailing block A' = a[k+1.., k+1..]
 * (lower triangle read): w = p - (beta p.u / 2) u with p = beta A' u.
 */
function reflectorDirection(
  a: Float64Array,
  n: number,
  k: number,
  v: Float64Array,
  w: Float64Array,
  beta: number,
): void {
  let pu = 0;
  for (let i = k + 1; i < n; i++) {
    const p = beta * lowerSymmetricRowDot(a, n, i, k + 1, v);
    w[i] = p;
    pu += p * v[i];
  }
  const half = 0.5 * beta * pu;
  for (let i = k + 1; i < n; i++) w[i] -= half * v[i];
}

/** sum over j >= from of A_ij v_j for the symmetric A stored in its lower triangle. */
function lowerSymmetricRowDot(a: Float64Array, n: number, i: number, from: number, v: Float64Array): number {
  let s = 0;
  const row = i * n;
  for (let j = from; j <= i; j++) s += a[row + j] * v[j];
  for (let j = i + 1; j < n; j++) s += a[j * n + i] * v[j];
  return s;
}

/** Row i (starting at `row`) of A -= u w^T + w u^T, columns from..i (lower triangle). */
function symmetricRankTwoRow(
  a: Float64Array,
  row: number,
  from: number,
  i: number,
  v: Float64Array,
  w: Float64Array,
): void {
  const vi = v[i];
  const wi = w[i];
  for (let j = from; j <= i; j++) a[row + j] -= vi * w[j] + wi * v[j];
}

/** q[row + i] -= beta (u . q_row) u_i over i in from..n-1, with u_i = a[u + i]. */
function reflectRow(
  q: Float64Array,
  row: number,
  a: Float64Array,
  u: number,
  from: number,
  n: number,
  beta: number,
): void {
  const s = beta * realDotAt(a, u + from, q, row + from, n - from);
  if (s !== 0) realAxpyAt(q, row + from, -s, a, u + from, n - from);
}

/** The plane rotation of a QL step on rows ri and ri + n of z (n entries each). */
function rotateRows(z: Float64Array, ri: number, n: number, c: number, s: number): void {
  const rj = ri + n;
  for (let k = 0; k < n; k++) {
    const zi = z[ri + k];
    const zj = z[rj + k];
    z[rj + k] = s * zi + c * zj;
    z[ri + k] = c * zi - s * zj;
  }
}
