// Dense real matrices as row-major Float64Array, for reference solutions in tests only.
import { type ComplexMatrix, vec } from "@liouville/core";

/** c = a b for n x n matrices. */
export function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return c;
}

/** y = a x for an n x n matrix a. */
export function matvec(a: Float64Array, x: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
    y[i] = s;
  }
  return y;
}

/**
 * exp(a) by scaling and squaring: exp(a) = exp(a / 2^s)^(2^s) with s chosen so that the
 * 1-norm of a / 2^s is at most 1/2, and exp of the scaled matrix by its Taylor series,
 * summed until the terms stop changing the sum (Moler & Van Loan, SIAM Rev. 45 (2003) 3,
 * "method 3"). Accurate to a few ulps times the condition of the problem for the
 * moderately sized, well-conditioned matrices of the tests.
 */
export function expm(a: Float64Array, n: number): Float64Array {
  let norm = 0;
  for (let j = 0; j < n; j++) {
    let column = 0;
    for (let i = 0; i < n; i++) column += Math.abs(a[i * n + j]);
    norm = Math.max(norm, column);
  }
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const scaled = a.map((v) => v / 2 ** s);
  let result: Float64Array = new Float64Array(n * n);
  let term: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    result[i * n + i] = 1;
    term[i * n + i] = 1;
  }
  for (let q = 1; q < 60; q++) {
    term = matmul(term, scaled, n).map((v) => v / q);
    let changed = false;
    for (let k = 0; k < n * n; k++) {
      const next = result[k] + term[k];
      if (next !== result[k]) changed = true;
      result[k] = next;
    }
    if (!changed) break;
  }
  for (let r = 0; r < s; r++) result = matmul(result, result, n);
  return result;
}

/**
 * exp(L t) vec(rho0) for a dense complex Liouvillian L (d^2 x d^2), through its real 2n x 2n form
 * [[Re, -Im], [Im, Re]] interleaved as vec's (re, im) pairs: the reference solution of a
 * time-independent master equation.
 */
export function exactPropagation(l: ComplexMatrix, rho0: ComplexMatrix, t: number): Float64Array {
  const n = l.rows;
  const m = 2 * n;
  const a = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const re = l.re(i, j) * t;
      const im = l.im(i, j) * t;
      a[2 * i * m + 2 * j] = re;
      a[2 * i * m + 2 * j + 1] = -im;
      a[(2 * i + 1) * m + 2 * j] = im;
      a[(2 * i + 1) * m + 2 * j + 1] = re;
    }
  }
  return matvec(expm(a, m), vec(rho0), m);
}
