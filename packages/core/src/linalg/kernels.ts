import { ComplexMatrix } from "./complex-matrix";
import { assertProduct, assertSameShape, assertShape, assertSquare, assertVectorLength } from "./shapes";

// Allocation-free kernels on interleaved complex storage, shaped like BLAS. Each checks the
// shapes of its arguments (dimensions only, O(1)) and throws DimensionError on a mismatch.
// Functions ending in `Into` write their result into `out`, which must not alias an input
// unless stated.

/** out = alpha * a + beta * b, elementwise; alpha and beta real. `out` may alias a or b. */
export function addInto(
  out: ComplexMatrix,
  a: ComplexMatrix,
  b: ComplexMatrix,
  alpha = 1,
  beta = 1,
): ComplexMatrix {
  assertSameShape(a, b);
  assertSameShape(a, out, "out");
  const o = out.data;
  const x = a.data;
  const y = b.data;
  for (let k = 0; k < o.length; k++) o[k] = alpha * x[k] + beta * y[k];
  return out;
}

/** out = (re + i im) * a. `out` may alias a. */
export function scaleInto(out: ComplexMatrix, a: ComplexMatrix, re: number, im = 0): ComplexMatrix {
  assertSameShape(a, out, "out");
  const o = out.data;
  const x = a.data;
  for (let k = 0; k < o.length; k += 2) {
    const xr = x[k];
    const xi = x[k + 1];
    o[k] = re * xr - im * xi;
    o[k + 1] = re * xi + im * xr;
  }
  return out;
}

/**
 * out = alpha * a b + beta * out (alpha, beta real), the shape of BLAS zgemm.
 * `out` must not alias a or b. With beta = 0 the old content of `out` is ignored.
 */
export function matmulInto(
  out: ComplexMatrix,
  a: ComplexMatrix,
  b: ComplexMatrix,
  alpha = 1,
  beta = 0,
): ComplexMatrix {
  assertProduct(a, b);
  assertShape("out", out, a.rows, b.cols);
  const n = a.rows;
  const m = a.cols;
  const p = b.cols;
  const o = out.data;
  const x = a.data;
  const y = b.data;
  if (beta === 0) o.fill(0);
  else if (beta !== 1) for (let k = 0; k < o.length; k++) o[k] *= beta;
  for (let i = 0; i < n; i++) {
    const orow = 2 * i * p;
    for (let k = 0; k < m; k++) {
      const ak = 2 * (i * m + k);
      const ar = alpha * x[ak];
      const ai = alpha * x[ak + 1];
      if (ar === 0 && ai === 0) continue;
      const brow = 2 * k * p;
      for (let j = 0; j < p; j++) {
        const bj = brow + 2 * j;
        const br = y[bj];
        const bi = y[bj + 1];
        const oj = orow + 2 * j;
        o[oj] += ar * br - ai * bi;
        o[oj + 1] += ar * bi + ai * br;
      }
    }
  }
  return out;
}

/** out = a^dagger (conjugate transpose). `out` must not alias a. */
export function daggerInto(out: ComplexMatrix, a: ComplexMatrix): ComplexMatrix {
  return transposeWithSign(out, a, -1);
}

/** out = a^T (plain transpose). `out` must not alias a. */
export function transposeInto(out: ComplexMatrix, a: ComplexMatrix): ComplexMatrix {
  return transposeWithSign(out, a, 1);
}

/** out = a^T with the imaginary parts multiplied by `imSign` (-1: conjugate transpose). */
function transposeWithSign(out: ComplexMatrix, a: ComplexMatrix, imSign: 1 | -1): ComplexMatrix {
  assertShape("out", out, a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) transposeRowInto(out.data, a.data, i, a.rows, a.cols, imSign);
  return out;
}

/**
 * Row i of the interleaved r x c matrix x into column i of the c x r matrix o (o = x^T row by
 * row), imaginary parts times `imSign`. A kernel of its own, called once per row: V8 optimises it
 * after a few calls, where a double loop would run interpreted through a cold first use.
 */
export function transposeRowInto(
  o: Float64Array,
  x: Float64Array,
  i: number,
  r: number,
  c: number,
  imSign: number,
): void {
  for (let j = 0; j < c; j++) {
    const s = 2 * (i * c + j);
    const d = 2 * (j * r + i);
    o[d] = x[s];
    o[d + 1] = imSign * x[s + 1];
  }
}

/** out = a (x) b, the Kronecker product: a acts on the first (slower) index. */
export function kronInto(out: ComplexMatrix, a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  assertShape("out", out, a.rows * b.rows, a.cols * b.cols);
  const ar = a.rows;
  const ac = a.cols;
  const br = b.rows;
  const bc = b.cols;
  const oc = ac * bc;
  const o = out.data;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < ar; i++) {
    for (let j = 0; j < ac; j++) {
      const s = 2 * (i * ac + j);
      const xr = x[s];
      const xi = x[s + 1];
      for (let k = 0; k < br; k++) {
        const d = 2 * ((i * br + k) * oc + j * bc);
        if (xr === 0 && xi === 0) o.fill(0, d, d + 2 * bc);
        else scaledRowInto(o, d, y, 2 * k * bc, bc, xr, xi);
      }
    }
  }
  return out;
}

/**
 * o[d..] = (xr + i xi) y[t..] over `count` interleaved complex entries (a row of a Kronecker
 * block; a small kernel, which V8 optimises after a few calls).
 */
function scaledRowInto(
  o: Float64Array,
  d: number,
  y: Float64Array,
  t: number,
  count: number,
  xr: number,
  xi: number,
): void {
  for (let l = 0; l < 2 * count; l += 2) {
    o[d + l] = xr * y[t + l] - xi * y[t + l + 1];
    o[d + l + 1] = xr * y[t + l + 1] + xi * y[t + l];
  }
}

/** out = a b - b a. `out` must not alias a or b. */
export function commutatorInto(out: ComplexMatrix, a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  assertSquare("a", a);
  assertSameShape(a, b);
  matmulInto(out, a, b, 1, 0);
  return matmulInto(out, b, a, -1, 1);
}

/** y = a x for a complex vector x (interleaved, length 2 * a.cols); y must not alias x. */
export function matvecInto(y: Float64Array, a: ComplexMatrix, x: Float64Array): Float64Array {
  assertVectorLength("x", x, a.cols);
  assertVectorLength("y", y, a.rows);
  const r = a.rows;
  const c = a.cols;
  const m = a.data;
  for (let i = 0; i < r; i++) {
    let sr = 0;
    let si = 0;
    const row = 2 * i * c;
    for (let j = 0; j < c; j++) {
      const k = row + 2 * j;
      const mr = m[k];
      const mi = m[k + 1];
      const xr = x[2 * j];
      const xi = x[2 * j + 1];
      sr += mr * xr - mi * xi;
      si += mr * xi + mi * xr;
    }
    y[2 * i] = sr;
    y[2 * i + 1] = si;
  }
  return y;
}

// Allocating conveniences built on the kernels.

/** alpha a + beta b (alpha, beta real), a new matrix. */
export function add(a: ComplexMatrix, b: ComplexMatrix, alpha = 1, beta = 1): ComplexMatrix {
  return addInto(new ComplexMatrix(a.rows, a.cols), a, b, alpha, beta);
}

/** (re + i im) a, a new matrix. */
export function scale(a: ComplexMatrix, re: number, im = 0): ComplexMatrix {
  return scaleInto(new ComplexMatrix(a.rows, a.cols), a, re, im);
}

/** The matrix product a b, a new matrix. */
export function matmul(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  return matmulInto(new ComplexMatrix(a.rows, b.cols), a, b);
}

/** The product of several matrices, left to right. */
export function matmulChain(...ms: ComplexMatrix[]): ComplexMatrix {
  return ms.reduce((acc, m) => matmul(acc, m));
}

/** a[rows, cols] (the given rows and columns, in their order) as a new matrix. */
export function submatrix(a: ComplexMatrix, rows: ArrayLike<number>, cols: ArrayLike<number>): ComplexMatrix {
  const n = a.cols;
  const out = new ComplexMatrix(rows.length, cols.length);
  const o = out.data;
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < cols.length; c++) {
      const from = 2 * (rows[r] * n + cols[c]);
      const to = 2 * (r * cols.length + c);
      o[to] = a.data[from];
      o[to + 1] = a.data[from + 1];
    }
  }
  return out;
}

/** The conjugate transpose a^dagger, a new matrix. */
export function dagger(a: ComplexMatrix): ComplexMatrix {
  return daggerInto(new ComplexMatrix(a.cols, a.rows), a);
}

/** The plain transpose a^T, a new matrix. */
export function transpose(a: ComplexMatrix): ComplexMatrix {
  return transposeInto(new ComplexMatrix(a.cols, a.rows), a);
}

/** The Kronecker product a (x) b (a on the first, slower index), a new matrix. */
export function kron(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  return kronInto(new ComplexMatrix(a.rows * b.rows, a.cols * b.cols), a, b);
}

/** The commutator [a, b] = a b - b a, a new matrix. */
export function commutator(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  return commutatorInto(new ComplexMatrix(a.rows, a.cols), a, b);
}

/** Trace as [re, im]. */
export function traceParts(a: ComplexMatrix): [number, number] {
  let re = 0;
  let im = 0;
  const n = Math.min(a.rows, a.cols);
  for (let i = 0; i < n; i++) {
    re += a.data[2 * (i * a.cols + i)];
    im += a.data[2 * (i * a.cols + i) + 1];
  }
  return [re, im];
}

/** Frobenius norm; finite for every matrix of finite entries (no overflow of the squares). */
export function frobeniusNorm(a: ComplexMatrix | Float64Array): number {
  const d = a instanceof ComplexMatrix ? a.data : a;
  let s = 0;
  for (let k = 0; k < d.length; k++) s += d[k] * d[k];
  if (s < Number.POSITIVE_INFINITY || Number.isNaN(s)) return Math.sqrt(s);
  // The squares overflowed (entries beyond about 1e154): sum them scaled by the largest entry.
  let big = 0;
  for (let k = 0; k < d.length; k++) big = Math.max(big, Math.abs(d[k]));
  if (big === Number.POSITIVE_INFINITY) return big;
  s = 0;
  for (let k = 0; k < d.length; k++) s += (d[k] / big) ** 2;
  return big * Math.sqrt(s);
}

/** Largest absolute row sum (the induced infinity norm). */
export function maxRowSumNorm(a: ComplexMatrix): number {
  const { rows, cols, data } = a;
  let best = 0;
  for (let i = 0; i < rows; i++) best = Math.max(best, modulusSum(data, 2 * i * cols, 2 * (i + 1) * cols));
  return best;
}

/**
 * sum of |z_k| over the interleaved complex entries data[from..to) (a small kernel: the row loops
 * of this file call it, so V8 optimises it after a few rows even on a cold first call).
 */
function modulusSum(data: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let k = from; k < to; k += 2) {
    const re = data[k];
    const im = data[k + 1];
    if (re !== 0 || im !== 0) s += modulus(re, im);
  }
  return s;
}

/** Largest |a_ij - b_ij|. */
export function maxAbsDiff(a: ComplexMatrix, b: ComplexMatrix): number {
  assertSameShape(a, b);
  let best = 0;
  for (let k = 0; k < a.data.length; k += 2) {
    const d = Math.hypot(a.data[k] - b.data[k], a.data[k + 1] - b.data[k + 1]);
    if (d > best) best = d;
  }
  return best;
}

/** Largest |a_ij - conj(a_ji)|: zero for a Hermitian matrix. */
export function hermiticityDefect(a: ComplexMatrix): number {
  assertSquare("a", a);
  const n = a.rows;
  let best = 0;
  for (let i = 0; i < n; i++) best = Math.max(best, rowHermiticityDefect(a.data, n, i));
  return best;
}

/** Largest |a_ij - conj(a_ji)| over j >= i for row i (a small kernel, as modulusSum). */
function rowHermiticityDefect(data: Float64Array, n: number, i: number): number {
  let best = 0;
  for (let j = i; j < n; j++) {
    const ij = 2 * (i * n + j);
    const ji = 2 * (j * n + i);
    const dr = data[ij] - data[ji];
    const di = data[ij + 1] + data[ji + 1];
    if (dr !== 0 || di !== 0) {
      const d = modulus(dr, di);
      if (d > best) best = d;
    }
  }
  return best;
}

/** Squares below this are recomputed by Math.hypot (their square may have lost digits). */
const SQUARE_UNDERFLOW = 1e-290;

/**
 * |re + i im|: sqrt(re^2 + im^2) where the squares are representable, Math.hypot (several times
 * slower) where they overflow or underflow.
 */
export function modulus(re: number, im: number): number {
  const m2 = re * re + im * im;
  return m2 < Number.POSITIVE_INFINITY && m2 > SQUARE_UNDERFLOW ? Math.sqrt(m2) : Math.hypot(re, im);
}

/** Replace m by (m + m^dagger) / 2 in place: removes the rounding of a product that is Hermitian in exact arithmetic. */
export function hermitiseInPlace(m: ComplexMatrix): ComplexMatrix {
  const n = m.rows;
  const x = m.data;
  for (let i = 0; i < n; i++) {
    x[2 * (i * n + i) + 1] = 0;
    for (let j = i + 1; j < n; j++) {
      const ij = 2 * (i * n + j);
      const ji = 2 * (j * n + i);
      const re = 0.5 * (x[ij] + x[ji]);
      const im = 0.5 * (x[ij + 1] - x[ji + 1]);
      x[ij] = re;
      x[ij + 1] = im;
      x[ji] = re;
      x[ji + 1] = -im;
    }
  }
  return m;
}
