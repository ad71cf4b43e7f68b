import { DimensionError } from "../errors/dimension-error";
import { ComplexMatrix } from "./complex-matrix";

/**
 * A complex matrix in compressed sparse row form: the nonzeros of row i are at positions
 * rowStart[i] .. rowStart[i+1]-1 of `columns` and of `values` (interleaved re, im).
 */
export interface CsrMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Start of each row in `columns` and `values` (length rows + 1; the last entry is the number of nonzeros). */
  readonly rowStart: Int32Array;
  /** Column index of each stored entry. */
  readonly columns: Int32Array;
  /** The stored entries, re and im interleaved (twice the length of `columns`). */
  readonly values: Float64Array;
}

/**
 * The CSR form of a dense matrix. Entries with modulus at most `dropBelow` times the largest
 * modulus are left out (default 0: only exact zeros), so that rounding residue of a basis change
 * does not fill the pattern.
 */
export function toCsr(a: ComplexMatrix, dropBelow = 0): CsrMatrix {
  const { rows, cols } = a;
  const data = a.data;
  let cut2 = 0;
  if (dropBelow > 0) {
    let max2 = 0;
    for (let k = 0; k < data.length; k += 2) {
      const m2 = data[k] * data[k] + data[k + 1] * data[k + 1];
      if (m2 > max2) max2 = m2;
    }
    cut2 = dropBelow * dropBelow * max2;
  }
  // Entry k is kept when it is nonzero and, with dropBelow > 0, above the cut. The scans are small
  // kernels (V8 optimises them after a few calls; a cold build converts many operators once each).
  const nnz = countKept(data, cut2);
  const rowStart = new Int32Array(rows + 1);
  const columns = new Int32Array(nnz);
  const values = new Float64Array(2 * nnz);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    rowStart[i] = p;
    p = keepRow(data, 2 * i * cols, cols, cut2, columns, values, p);
  }
  rowStart[rows] = p;
  return { rows, cols, rowStart, columns, values };
}

/** The entries of interleaved complex data kept by `toCsr` (nonzero, above the cut). */
function countKept(data: Float64Array, cut2: number): number {
  let count = 0;
  for (let k = 0; k < data.length; k += 2) {
    const re = data[k];
    const im = data[k + 1];
    if ((re !== 0 || im !== 0) && (cut2 === 0 || re * re + im * im > cut2)) count++;
  }
  return count;
}

/**
 * The kept entries of one dense row (`cols` complex entries from data[k0]) appended to
 * columns/values from position p; returns the new p.
 */
function keepRow(
  data: Float64Array,
  k0: number,
  cols: number,
  cut2: number,
  columns: Int32Array,
  values: Float64Array,
  p: number,
): number {
  for (let j = 0, k = k0; j < cols; j++, k += 2) {
    const re = data[k];
    const im = data[k + 1];
    if ((re === 0 && im === 0) || (cut2 !== 0 && re * re + im * im <= cut2)) continue;
    columns[p] = j;
    values[2 * p] = re;
    values[2 * p + 1] = im;
    p++;
  }
  return p;
}

/** Fraction of entries that are nonzero. */
export function csrDensity(a: CsrMatrix): number {
  return a.columns.length / Math.max(1, a.rows * a.cols);
}

/** y = A x for interleaved complex vectors; allocation-free, y must not alias x. */
export function csrMatvecInto(y: Float64Array, a: CsrMatrix, x: Float64Array): Float64Array {
  const { rows, rowStart, columns, values } = a;
  for (let i = 0; i < rows; i++) {
    let sr = 0;
    let si = 0;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const j = 2 * columns[p];
      const vr = values[2 * p];
      const vi = values[2 * p + 1];
      const xr = x[j];
      const xi = x[j + 1];
      sr += vr * xr - vi * xi;
      si += vr * xi + vi * xr;
    }
    y[2 * i] = sr;
    y[2 * i + 1] = si;
  }
  return y;
}

/**
 * A complex CSR matrix from `count` triplets (row, column, value re + i im, interleaved in
 * `values`): duplicates are summed, columns come out sorted within each row, and entries that sum
 * to exactly zero are dropped (see `compressTriplets`); the triplet arrays are not modified.
 */
export function csrFromTriplets(
  rows: number,
  cols: number,
  rowIndex: Int32Array,
  colIndex: Int32Array,
  values: Float64Array,
  count: number,
): CsrMatrix {
  return { rows, cols, ...compressTriplets(rows, cols, rowIndex, colIndex, values, count, 2) };
}

/**
 * Compressed rows from `count` triplets whose values take `width` numbers each (1 real, 2 complex
 * interleaved): duplicates summed, columns sorted within each row, exact zeros dropped. The
 * indices are trusted (the public builders check them).
 *
 * ## Method
 * Two counting sorts, O(count + rows + cols): the triplets are bucketed by column, then scattered
 * by row in column order, so each row comes out sorted; duplicates are then adjacent and are
 * summed in one compaction pass (the transpose-twice trick of Davis, "Direct Methods for Sparse
 * Linear Systems", SIAM 2006, sections 2.4 and 2.9, cs_compress / cs_dupl).
 */
export function compressTriplets(
  rows: number,
  cols: number,
  rowIndex: Int32Array,
  colIndex: Int32Array,
  values: Float64Array,
  count: number,
  width: 1 | 2,
): { rowStart: Int32Array; columns: Int32Array; values: Float64Array } {
  // Each pass is a small function of one loop: V8 compiles a small function on the stack (OSR)
  // in a millisecond or two, where one function holding every pass ran interpreted through a cold
  // assembly while its compilation took 9 to 17 ms (measured with --trace-opt, 7-spin chain).
  const colStart = new Int32Array(cols + 1);
  countIndices(colStart, colIndex, count);
  prefixSums(colStart, cols);
  const byColumn = new Int32Array(count);
  bucketInto(byColumn, colStart, colIndex, count);
  const rowStart = new Int32Array(rows + 1);
  countIndices(rowStart, rowIndex, count);
  prefixSums(rowStart, rows);
  const next = rowStart.slice(0, rows);
  const columns = new Int32Array(count);
  const out = new Float64Array(width * count);
  scatterRows(byColumn, next, rowIndex, colIndex, values, columns, out, count, width);
  // Sum duplicates and drop exact zeros, compacting in place, one row per call.
  let kept = 0;
  let start = 0;
  for (let r = 0; r < rows; r++) {
    const end = rowStart[r + 1];
    rowStart[r] = kept;
    kept = compactRow(columns, out, start, end, kept, width);
    start = end;
  }
  rowStart[rows] = kept;
  return {
    rowStart,
    columns: kept === count ? columns : columns.slice(0, kept),
    values: kept === count ? out : out.slice(0, width * kept),
  };
}

/** counts[index[t] + 1]++ for t < count. */
function countIndices(counts: Int32Array, index: Int32Array, count: number): void {
  for (let t = 0; t < count; t++) counts[index[t] + 1]++;
}

/** a[k + 1] += a[k] for k < n: counts into start positions. */
function prefixSums(a: Int32Array, n: number): void {
  for (let k = 0; k < n; k++) a[k + 1] += a[k];
}

/** The triplets t < count in the order of their index (stable): a counting sort's placement. */
function bucketInto(order: Int32Array, next: Int32Array, index: Int32Array, count: number): void {
  for (let t = 0; t < count; t++) order[next[index[t]]++] = t;
}

/** The triplets taken in column order into their rows: columns come out sorted within each row. */
function scatterRows(
  byColumn: Int32Array,
  next: Int32Array,
  rowIndex: Int32Array,
  colIndex: Int32Array,
  values: Float64Array,
  columns: Int32Array,
  out: Float64Array,
  count: number,
  width: number,
): void {
  for (let s = 0; s < count; s++) {
    const t = byColumn[s];
    const p = next[rowIndex[t]]++;
    columns[p] = colIndex[t];
    for (let w = 0; w < width; w++) out[width * p + w] = values[width * t + w];
  }
}

/**
 * One row's entries start..end-1 (columns sorted) with duplicates summed and exact zeros dropped
 * (a complex entry when both parts are zero), moved down to position `kept`; returns the new
 * count kept.
 */
function compactRow(
  columns: Int32Array,
  out: Float64Array,
  start: number,
  end: number,
  kept: number,
  width: number,
): number {
  let p = start;
  while (p < end) {
    const c = columns[p];
    let re = out[width * p];
    let im = width === 2 ? out[2 * p + 1] : 0;
    p++;
    while (p < end && columns[p] === c) {
      re += out[width * p];
      if (width === 2) im += out[2 * p + 1];
      p++;
    }
    if (re !== 0 || im !== 0) {
      columns[kept] = c;
      out[width * kept] = re;
      if (width === 2) out[2 * kept + 1] = im;
      kept++;
    }
  }
  return kept;
}

/** The conjugate-free transpose A^T of a CSR matrix, in CSR form. */
export function csrTranspose(a: CsrMatrix): CsrMatrix {
  return {
    rows: a.cols,
    cols: a.rows,
    ...transposeCompressed(a.rows, a.cols, a.rowStart, a.columns, a.values, 2),
  };
}

/**
 * The transpose of compressed rows whose values take `width` numbers each, with sorted columns:
 * one counting sort, O(nnz + rows + cols) (Davis 2006, cs_transpose).
 */
export function transposeCompressed(
  rows: number,
  cols: number,
  rowStart: Int32Array,
  columns: Int32Array,
  values: Float64Array,
  width: 1 | 2,
): { rowStart: Int32Array; columns: Int32Array; values: Float64Array } {
  const nnz = rowStart[rows];
  const start = new Int32Array(cols + 1);
  countIndices(start, columns, nnz);
  prefixSums(start, cols);
  const next = start.slice(0, cols);
  const tc = new Int32Array(nnz);
  const tv = new Float64Array(width * nnz);
  for (let r = 0; r < rows; r++) {
    for (let p = rowStart[r]; p < rowStart[r + 1]; p++) {
      const q = next[columns[p]]++;
      tc[q] = r;
      for (let w = 0; w < width; w++) tv[width * q + w] = values[width * p + w];
    }
  }
  return { rowStart: start, columns: tc, values: tv };
}

/**
 * out (+)= c * A X for a CSR matrix A (n x m) and a dense row-major interleaved X (m x k):
 * row i of the result gathers the rows of X that row i of A points to, O(nnz(A) k).
 * With `accumulate` false, `out` is overwritten. `out` must not alias X.
 */
export function csrTimesDenseInto(
  out: Float64Array,
  a: CsrMatrix,
  x: Float64Array,
  k: number,
  cr: number,
  ci: number,
  accumulate: boolean,
): Float64Array {
  const { rows, rowStart, columns, values } = a;
  if (!accumulate) out.fill(0, 0, 2 * rows * k);
  for (let i = 0; i < rows; i++) {
    const o = 2 * i * k;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const vr0 = values[2 * p];
      const vi0 = values[2 * p + 1];
      complexRowAxpy(out, o, cr * vr0 - ci * vi0, cr * vi0 + ci * vr0, x, 2 * columns[p] * k, k);
    }
  }
  return out;
}

// The inner loops of the sparse-dense products are small kernels: V8 optimises them after a few
// calls, so a product's first (cold) call runs its flops in optimised code, and once the caller
// is optimised they are inlined into it.

/** out[o..] += (vr + i vi) x[s..] over `count` interleaved complex entries. */
function complexRowAxpy(
  out: Float64Array,
  o: number,
  vr: number,
  vi: number,
  x: Float64Array,
  s: number,
  count: number,
): void {
  for (let j = 0; j < 2 * count; j += 2) {
    const xr = x[s + j];
    const xi = x[s + j + 1];
    out[o + j] += vr * xr - vi * xi;
    out[o + j + 1] += vr * xi + vi * xr;
  }
}

/** out[o + 2 column] += (xr + i xi) B_lc over the nonzeros of row l of B. */
function scatterScaledRow(
  out: Float64Array,
  o: number,
  xr: number,
  xi: number,
  b: CsrMatrix,
  l: number,
): void {
  const { rowStart, columns, values } = b;
  for (let p = rowStart[l]; p < rowStart[l + 1]; p++) {
    const q = o + 2 * columns[p];
    const vr = values[2 * p];
    const vi = values[2 * p + 1];
    out[q] += xr * vr - xi * vi;
    out[q + 1] += xr * vi + xi * vr;
  }
}

/**
 * out (+)= c * X B for a dense row-major interleaved X (n x m) and a CSR matrix B (m x k):
 * O(n nnz(B)), skipping zero entries of X. With `accumulate` false, `out` is overwritten.
 * `out` must not alias X.
 */
export function denseTimesCsrInto(
  out: Float64Array,
  x: Float64Array,
  n: number,
  b: CsrMatrix,
  cr: number,
  ci: number,
  accumulate: boolean,
): Float64Array {
  const { rows: m, cols: k } = b;
  if (!accumulate) out.fill(0, 0, 2 * n * k);
  for (let i = 0; i < n; i++) {
    const o = 2 * i * k;
    for (let l = 0; l < m; l++) {
      const xr0 = x[2 * (i * m + l)];
      const xi0 = x[2 * (i * m + l) + 1];
      if (xr0 === 0 && xi0 === 0) continue;
      scatterScaledRow(out, o, cr * xr0 - ci * xi0, cr * xi0 + ci * xr0, b, l);
    }
  }
  return out;
}

/** The adjoint A^dagger (conjugate transpose) of a CSR matrix, in CSR form. */
export function csrAdjoint(a: CsrMatrix): CsrMatrix {
  const t = csrTranspose(a);
  for (let k = 1; k < t.values.length; k += 2) t.values[k] = -t.values[k];
  return t;
}

/**
 * The product A B of two CSR matrices, in CSR form (columns sorted within each row, exact zeros
 * dropped). Row i of A B gathers the rows of B that row i of A points to, into a dense
 * accumulator of one row (Gustavson, ACM TOMS 4, 250 (1978); Davis, "Direct Methods for Sparse
 * Linear Systems", SIAM 2006, section 2.8): a first pass counts each row's pattern, a second
 * fills it and sorts it. The work is O(flops + nnz(A B) log(row length)), flops = the sum over
 * nonzeros A_ik of nnz(row k of B), and the memory O(the pattern of A B (before exact
 * cancellation) + rows of A + columns of B): a product of dense factors costs d^3 flops but no
 * more memory than its result, where a list of the partial products would take d^3.
 */
export function csrProduct(a: CsrMatrix, b: CsrMatrix): CsrMatrix {
  if (a.cols !== b.rows) throw new DimensionError("b", `${a.cols} rows`, `${b.rows}`);
  const mark = new Int32Array(b.cols).fill(-1);
  const accumulator = new Float64Array(2 * b.cols);
  let bound = 0;
  for (let i = 0; i < a.rows; i++) bound = productRowPattern(a, b, i, mark, i, null, bound, accumulator);
  const rowStart = new Int32Array(a.rows + 1);
  const columns = new Int32Array(bound);
  const values = new Float64Array(2 * bound);
  let kept = 0;
  for (let i = 0; i < a.rows; i++) {
    rowStart[i] = kept;
    const end = productRowPattern(a, b, i, mark, a.rows + i, columns, kept, accumulator);
    if (end - kept > 1) columns.subarray(kept, end).sort();
    accumulateProductRow(a, b, i, accumulator);
    kept = keepNonzeros(accumulator, columns, values, kept, end);
  }
  rowStart[a.rows] = kept;
  if (kept === bound) return { rows: a.rows, cols: b.cols, rowStart, columns, values };
  return {
    rows: a.rows,
    cols: b.cols,
    rowStart,
    columns: columns.slice(0, kept),
    values: values.slice(0, 2 * kept),
  };
}

/**
 * The columns of row i of A B not yet stamped in `mark` (each stamped with `stamp`); when `out`
 * is given they are written to it from `start` and the accumulator is zeroed there. Returns
 * `start` plus their number.
 */
function productRowPattern(
  a: CsrMatrix,
  b: CsrMatrix,
  i: number,
  mark: Int32Array,
  stamp: number,
  out: Int32Array | null,
  start: number,
  accumulator: Float64Array,
): number {
  let end = start;
  for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
    const k = a.columns[p];
    for (let q = b.rowStart[k]; q < b.rowStart[k + 1]; q++) {
      const c = b.columns[q];
      if (mark[c] !== stamp) {
        mark[c] = stamp;
        if (out !== null) {
          out[end] = c;
          accumulator[2 * c] = 0;
          accumulator[2 * c + 1] = 0;
        }
        end++;
      }
    }
  }
  return end;
}

/** Adds row i of A B into the complex accumulator (indexed by column). */
function accumulateProductRow(a: CsrMatrix, b: CsrMatrix, i: number, accumulator: Float64Array): void {
  for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
    const k = a.columns[p];
    const ar = a.values[2 * p];
    const ai = a.values[2 * p + 1];
    for (let q = b.rowStart[k]; q < b.rowStart[k + 1]; q++) {
      const c = 2 * b.columns[q];
      const br = b.values[2 * q];
      const bi = b.values[2 * q + 1];
      accumulator[c] += ar * br - ai * bi;
      accumulator[c + 1] += ar * bi + ai * br;
    }
  }
}

/**
 * Copies the accumulator's entries at columns[start..end) into `values`, compacting away exact
 * zeros (in place, order kept); returns the new end.
 */
function keepNonzeros(
  accumulator: Float64Array,
  columns: Int32Array,
  values: Float64Array,
  start: number,
  end: number,
): number {
  let kept = start;
  for (let s = start; s < end; s++) {
    const c = columns[s];
    const re = accumulator[2 * c];
    const im = accumulator[2 * c + 1];
    if (re !== 0 || im !== 0) {
      columns[kept] = c;
      values[2 * kept] = re;
      values[2 * kept + 1] = im;
      kept++;
    }
  }
  return kept;
}

/** The n x n identity in CSR form. */
export function csrIdentity(n: number): CsrMatrix {
  const rowStart = new Int32Array(n + 1);
  const columns = new Int32Array(n);
  const values = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    rowStart[i + 1] = i + 1;
    columns[i] = i;
    values[2 * i] = 1;
  }
  return { rows: n, cols: n, rowStart, columns, values };
}

/**
 * The sum of c_k A_k over CSR matrices A_k of one shape, c_k = re + i im, in CSR form (exact
 * zeros dropped): O(the total nonzeros), through one triplet compression.
 */
export function csrCombination(
  rows: number,
  cols: number,
  parts: readonly { readonly matrix: CsrMatrix; readonly re: number; readonly im: number }[],
): CsrMatrix {
  let count = 0;
  for (const { matrix } of parts) {
    if (matrix.rows !== rows || matrix.cols !== cols) {
      throw new DimensionError("parts", `${rows} x ${cols} matrices`, `${matrix.rows} x ${matrix.cols}`);
    }
    count += matrix.columns.length;
  }
  const ri = new Int32Array(count);
  const ci = new Int32Array(count);
  const v = new Float64Array(2 * count);
  let t = 0;
  for (const { matrix, re, im } of parts) {
    const { rowStart, columns, values } = matrix;
    for (let i = 0; i < rows; i++) {
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++, t++) {
        ri[t] = i;
        ci[t] = columns[p];
        v[2 * t] = re * values[2 * p] - im * values[2 * p + 1];
        v[2 * t + 1] = re * values[2 * p + 1] + im * values[2 * p];
      }
    }
  }
  return csrFromTriplets(rows, cols, ri, ci, v, count);
}

/** The dense form of a CSR matrix. */
export function csrToDense(a: CsrMatrix): ComplexMatrix {
  const out = new ComplexMatrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
      const k = 2 * (i * a.cols + a.columns[p]);
      out.data[k] = a.values[2 * p];
      out.data[k + 1] = a.values[2 * p + 1];
    }
  }
  return out;
}
