import type { ComplexMatrix } from "./complex-matrix";

/**
 * A complex matrix in compressed sparse row form: the nonzeros of row i are at positions
 * rowStart[i] .. rowStart[i+1]-1 of `columns` and of `values` (interleaved re, im).
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/**
 * The CSR form of a dense matrix. Entries with modulus at most `dropBelow` times the largest
 * modulus are left out (default 0: only exact zeros), so that rounding residue of a basis change
 * does not fill the pattern.
 */
export function toCsr(a: ComplexMatrix, dropBelow = 0): CsrMatrix {
  const { rows, cols } = a;
  const data = a.data.slice();
  let max = 0;
  for (let k = 0; k < data.length; k += 2) max = Math.max(max, Math.hypot(data[k], data[k + 1]));
  const cut = dropBelow * max;
  let nnz = 0;
  for (let k = 0; k < data.length; k += 2) {
    if (Math.hypot(data[k], data[k + 1]) <= cut) {
      data[k] = 0;
      data[k + 1] = 0;
    }
    if (data[k] !== 0 || data[k + 1] !== 0) nnz++;
  }
  const rowStart = new Int32Array(rows + 1);
  const columns = new Int32Array(nnz);
  const values = new Float64Array(2 * nnz);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    rowStart[i] = p;
    for (let j = 0; j < cols; j++) {
      const k = 2 * (i * cols + j);
      if (data[k] === 0 && data[k + 1] === 0) continue;
      columns[p] = j;
      values[2 * p] = data[k];
      values[2 * p + 1] = data[k + 1];
      p++;
    }
  }
  rowStart[rows] = p;
  return { rows, cols, rowStart, columns, values };
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
