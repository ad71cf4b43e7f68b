import { DimensionError } from "../../errors/dimension-error";
import { ParameterError } from "../../errors/parameter-error";

/**
 * A real matrix in compressed sparse row form: the nonzeros of row i are at positions
 * rowStart[i] .. rowStart[i+1]-1 of `columns` and `values`. Columns are sorted within each row
 * when built by {@link realCsrFromTriplets} or {@link realCsrTranspose}.
 */
export interface RealCsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/**
 * Build CSR from `count` triplets (duplicates summed, columns sorted within rows, exact zeros
 * after summation dropped).
 *
 * ## Method
 * Two counting sorts, O(nnz + rows + cols): the triplets are bucketed by column, then scattered
 * by row in column order, so each row comes out sorted; duplicates are then adjacent and are
 * summed in one compaction pass (the transpose-twice trick of Davis, "Direct Methods for Sparse
 * Linear Systems", SIAM 2006, sections 2.4 and 2.9, cs_compress / cs_dupl).
 */
export function realCsrFromTriplets(
  rows: number,
  cols: number,
  rowIndex: Int32Array,
  colIndex: Int32Array,
  values: Float64Array,
  count: number,
): RealCsrMatrix {
  if (!Number.isInteger(rows) || rows < 0) throw new ParameterError("rows", "a non-negative integer", rows);
  if (!Number.isInteger(cols) || cols < 0) throw new ParameterError("cols", "a non-negative integer", cols);
  if (
    !Number.isInteger(count) ||
    count < 0 ||
    count > rowIndex.length ||
    count > colIndex.length ||
    count > values.length
  ) {
    throw new ParameterError("count", "an integer between 0 and the triplet array lengths", count);
  }
  // Bucket by column (stable), remembering the triplet number.
  const colCount = new Int32Array(cols + 1);
  for (let k = 0; k < count; k++) {
    const i = rowIndex[k];
    const j = colIndex[k];
    if (i < 0 || i >= rows || j < 0 || j >= cols || !Number.isInteger(i) || !Number.isInteger(j)) {
      throw new DimensionError(`triplet ${k}`, `row < ${rows}, column < ${cols}`, `(${i}, ${j})`);
    }
    colCount[j + 1]++;
  }
  for (let j = 0; j < cols; j++) colCount[j + 1] += colCount[j];
  const byColumn = new Int32Array(count);
  for (let k = 0; k < count; k++) byColumn[colCount[colIndex[k]]++] = k;
  // Scatter by row in column order: rows come out with sorted (possibly repeated) columns.
  const rowStart = new Int32Array(rows + 1);
  for (let k = 0; k < count; k++) rowStart[rowIndex[k] + 1]++;
  for (let i = 0; i < rows; i++) rowStart[i + 1] += rowStart[i];
  const next = rowStart.slice(0, rows);
  const columns = new Int32Array(count);
  const vals = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const k = byColumn[t];
    const p = next[rowIndex[k]]++;
    columns[p] = colIndex[k];
    vals[p] = values[k];
  }
  // Sum duplicates and drop exact zeros, compacting in place.
  let out = 0;
  let start = 0;
  for (let i = 0; i < rows; i++) {
    const end = rowStart[i + 1];
    rowStart[i] = out;
    let p = start;
    while (p < end) {
      const j = columns[p];
      let s = vals[p++];
      while (p < end && columns[p] === j) s += vals[p++];
      if (s !== 0) {
        columns[out] = j;
        vals[out++] = s;
      }
    }
    start = end;
  }
  rowStart[rows] = out;
  return {
    rows,
    cols,
    rowStart,
    columns: out === count ? columns : columns.slice(0, out),
    values: out === count ? vals : vals.slice(0, out),
  };
}

/** y = A x; allocation-free, y must not alias x. Returns y. */
export function realCsrMatvecInto(y: Float64Array, a: RealCsrMatrix, x: Float64Array): Float64Array {
  const { rows, rowStart, columns, values } = a;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const end = rowStart[i + 1];
    for (let p = rowStart[i]; p < end; p++) s += values[p] * x[columns[p]];
    y[i] = s;
  }
  return y;
}

/**
 * The transpose A^T in CSR form (equivalently, A in compressed sparse column form), with sorted
 * columns. One counting sort, O(nnz + rows + cols) (Davis 2006, cs_transpose).
 */
export function realCsrTranspose(a: RealCsrMatrix): RealCsrMatrix {
  const { rows, cols, rowStart, columns, values } = a;
  const nnz = rowStart[rows];
  const tStart = new Int32Array(cols + 1);
  for (let p = 0; p < nnz; p++) tStart[columns[p] + 1]++;
  for (let j = 0; j < cols; j++) tStart[j + 1] += tStart[j];
  const next = tStart.slice(0, cols);
  const tColumns = new Int32Array(nnz);
  const tValues = new Float64Array(nnz);
  for (let i = 0; i < rows; i++) {
    const end = rowStart[i + 1];
    for (let p = rowStart[i]; p < end; p++) {
      const q = next[columns[p]]++;
      tColumns[q] = i;
      tValues[q] = values[p];
    }
  }
  return { rows: cols, cols: rows, rowStart: tStart, columns: tColumns, values: tValues };
}
