// The exponential of a small dense real matrix, for the projected matrices of Krylov methods.

import { realAxpy, realAxpyAt, realScaleInto } from "@liouville/core";

/** Degree-6 diagonal Pade coefficients c_k = (12 - k)! 6! / (12! k! (6 - k)!). */
const PADE6 = [1, 1 / 2, 5 / 44, 1 / 66, 1 / 792, 1 / 15840, 1 / 665280];

/**
 * exp(a) for row-major n x n real matrices, n <= `maxN`, through buffers allocated once: the
 * returned function writes exp(a) into `out` and allocates nothing.
 *
 * ## Method
 * Scaling and squaring with the diagonal [6/6] Pade approximant (Golub & Van Loan, Matrix
 * Computations, 4th ed., Algorithm 9.3.1; the choice of Sidje's Expokit for the projected matrix
 * of its Krylov solver, ACM TOMS 24 (1998) 130): a is scaled by 2^-s so that its infinity norm is
 * at most 1/2, where the [6/6] approximant's relative backward error is below 3.4e-16, then squared
 * s times. The matrices here are the (m + 1) x (m + 1) Hessenberg matrices of an Arnoldi process,
 * m <= 30; their O(m^3) cost is not always negligible beside the products with a sparse generator,
 * and the Krylov dimension's cost model counts it (`krylovDimension` in expm.ts).
 */
export function smallExpmWorkspace(
  maxN: number,
): (a: Float64Array, n: number, out: Float64Array) => Float64Array {
  const size = maxN * maxN;
  const x = new Float64Array(size);
  const x2 = new Float64Array(size);
  const x4 = new Float64Array(size);
  const x6 = new Float64Array(size);
  const odd = new Float64Array(size);
  const even = new Float64Array(size);
  const spare = new Float64Array(size);
  const [c0, c1, c2, c3, c4, c5, c6] = PADE6;
  return (a, n, out) => {
    const nn = n * n;
    const norm = infinityNorm(a, n);
    const s = norm > 0.5 ? Math.max(0, Math.ceil(Math.log2(norm / 0.5))) : 0;
    const scale = 2 ** -s;
    realScaleInto(x, scale, a, nn);
    // N = V + U, D = V - U with the even part V = c0 + c2 X^2 + c4 X^4 + c6 X^6 and the odd part
    // U = X (c1 + c3 X^2 + c5 X^4): four products instead of six; exp(X) ~ D^-1 N.
    multiply(x, x, x2, n);
    multiply(x2, x2, x4, n);
    multiply(x4, x2, x6, n);
    realAxpy(realScaleInto(spare, c3, x2, nn), c5, x4, nn);
    combineInto(even, x2, c2, x4, c4, x6, c6, nn);
    for (let i = 0; i < n; i++) {
      spare[i * n + i] += c1;
      even[i * n + i] += c0;
    }
    multiply(x, spare, odd, n);
    // X^4 and X^6 are no longer needed: N and D overwrite them.
    const num = x4;
    const den = x6;
    sumAndDifference(num, den, even, odd, nn);
    solveInPlace(den, num, n);
    let result = num;
    let free = spare;
    for (let k = 0; k < s; k++) {
      multiply(result, result, free, n);
      const t = result;
      result = free;
      free = t;
    }
    out.set(result.subarray(0, nn));
    return out;
  };
}

/** max_i sum_j |a_ij| of a row-major n x n matrix. */
export function infinityNorm(a: Float64Array, n: number): number {
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(a[i * n + j]);
    norm = Math.max(norm, row);
  }
  return norm;
}

// The loops are small module-level kernels, which V8 optimises after a few calls (the first,
// cold integration of a process would otherwise interpret them inside the closure above).

/** out = a ca + b cb + c cc over the first count entries. */
function combineInto(
  out: Float64Array,
  a: Float64Array,
  ca: number,
  b: Float64Array,
  cb: number,
  c: Float64Array,
  cc: number,
  count: number,
): void {
  for (let k = 0; k < count; k++) out[k] = ca * a[k] + cb * b[k] + cc * c[k];
}

/** sum = a + b and difference = a - b over the first count entries. */
function sumAndDifference(
  sum: Float64Array,
  difference: Float64Array,
  a: Float64Array,
  b: Float64Array,
  count: number,
): void {
  for (let k = 0; k < count; k++) {
    sum[k] = a[k] + b[k];
    difference[k] = a[k] - b[k];
  }
}

/** c = a b (row-major n x n), row by row through realAxpyAt. */
function multiply(a: Float64Array, b: Float64Array, c: Float64Array, n: number): void {
  c.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const x = a[i * n + k];
      if (x !== 0) realAxpyAt(c, i * n, x, b, k * n, n);
    }
  }
}

/** b <- a^-1 b by Gaussian elimination with partial pivoting (a is overwritten). */
function solveInPlace(a: Float64Array, b: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[p * n + k])) p = i;
    if (p !== k) {
      swapRows(a, k * n, p * n, n);
      swapRows(b, k * n, p * n, n);
    }
    const pivot = a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k] / pivot;
      if (f === 0) continue;
      realAxpyAt(a, i * n + k, -f, a, k * n + k, n - k);
      realAxpyAt(b, i * n, -f, b, k * n, n);
    }
  }
  // Back substitution by rows: b_k = (b_k - sum over i > k of a_ki b_i) / a_kk.
  for (let k = n - 1; k >= 0; k--) {
    for (let i = k + 1; i < n; i++) {
      const f = a[k * n + i];
      if (f !== 0) realAxpyAt(b, k * n, -f, b, i * n, n);
    }
    realScaleInto(b.subarray(k * n, (k + 1) * n), 1 / a[k * n + k], b.subarray(k * n, (k + 1) * n), n);
  }
}

/** Swaps the `count` entries from r and from s. */
function swapRows(a: Float64Array, r: number, s: number, count: number): void {
  for (let j = 0; j < count; j++) {
    const t = a[r + j];
    a[r + j] = a[s + j];
    a[s + j] = t;
  }
}
