import { DimensionError } from "../../errors/dimension-error";
import { ParameterError } from "../../errors/parameter-error";
import { compressTriplets, transposeCompressed } from "../csr";

/**
 * A real matrix in compressed sparse row form: the nonzeros of row i are at positions
 * rowStart[i] .. rowStart[i+1]-1 of `columns` and `values`. Columns are sorted within each row
 * when built by `realCsrFromTriplets` or `realCsrTranspose` (internal).
 */
export interface RealCsrMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Start of each row in `columns` and `values` (length rows + 1; the last entry is the number of nonzeros). */
  readonly rowStart: Int32Array;
  /** Column index of each stored entry. */
  readonly columns: Int32Array;
  /** The stored entries, one per column index. */
  readonly values: Float64Array;
}

/**
 * Build CSR from `count` triplets (duplicates summed, columns sorted within rows, exact zeros
 * after summation dropped), after checking the sizes and every index; the work is
 * `compressTriplets` (linalg/csr.ts).
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
  for (let k = 0; k < count; k++) {
    const i = rowIndex[k];
    const j = colIndex[k];
    if (i < 0 || i >= rows || j < 0 || j >= cols || !Number.isInteger(i) || !Number.isInteger(j)) {
      throw new DimensionError(`triplet ${k}`, `row < ${rows}, column < ${cols}`, `(${i}, ${j})`);
    }
  }
  return { rows, cols, ...compressTriplets(rows, cols, rowIndex, colIndex, values, count, 1) };
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
  return {
    rows: a.cols,
    cols: a.rows,
    ...transposeCompressed(a.rows, a.cols, a.rowStart, a.columns, a.values, 1),
  };
}
