import { Complex } from "complex.js";
import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";

/** A value accepted where a complex number is expected: a real number or a complex.js value. */
export type ComplexLike = number | Complex | { re: number; im: number };

/**
 * A dense complex matrix stored row-major in one `Float64Array`, real and imaginary parts
 * interleaved: element (i, j) lives at `data[2 * (i * cols + j)]` (re) and the next slot (im).
 *
 * The kernels in `kernels.ts` work on `data` directly and allocate nothing; `get`/`set` with
 * complex.js values are for the edges of the API (user input, printed output), not for loops.
 */
export class ComplexMatrix {
  /** The entries, row-major, re and im interleaved (length 2 rows cols). */
  readonly data: Float64Array;

  constructor(
    /** Number of rows. */
    readonly rows: number,
    /** Number of columns. */
    readonly cols: number,
    data?: Float64Array,
  ) {
    if (!Number.isInteger(rows) || rows < 0) throw new ParameterError("rows", "a non-negative integer", rows);
    if (!Number.isInteger(cols) || cols < 0) throw new ParameterError("cols", "a non-negative integer", cols);
    if (data !== undefined && data.length !== 2 * rows * cols) {
      throw new DimensionError("data", `length ${2 * rows * cols}`, `length ${data.length}`);
    }
    this.data = data ?? new Float64Array(2 * rows * cols);
  }

  /** The n x n zero matrix (or rows x cols when `cols` is given). */
  static zeros(rows: number, cols: number = rows): ComplexMatrix {
    return new ComplexMatrix(rows, cols);
  }

  /** The n x n identity. */
  static identity(n: number): ComplexMatrix {
    const m = new ComplexMatrix(n, n);
    for (let i = 0; i < n; i++) m.data[2 * (i * n + i)] = 1;
    return m;
  }

  /**
   * From nested arrays of real numbers or complex values, row by row.
   * @example ComplexMatrix.from([[0, 1], [1, 0]]) // sigma_x
   */
  static from(rows: readonly (readonly ComplexLike[])[]): ComplexMatrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0].length;
    const m = new ComplexMatrix(r, c);
    for (let i = 0; i < r; i++) {
      if (rows[i].length !== c) throw new DimensionError(`row ${i}`, `${c} entries`, `${rows[i].length}`);
      for (let j = 0; j < c; j++) m.set(i, j, rows[i][j]);
    }
    return m;
  }

  /** A real matrix given as nested arrays (imaginary parts zero). */
  static fromReal(rows: readonly (readonly number[])[]): ComplexMatrix {
    return ComplexMatrix.from(rows);
  }

  /** A diagonal matrix with the given (real or complex) diagonal. */
  static diagonal(values: readonly ComplexLike[]): ComplexMatrix {
    const n = values.length;
    const m = new ComplexMatrix(n, n);
    for (let i = 0; i < n; i++) m.set(i, i, values[i]);
    return m;
  }

  /** True when rows = cols. */
  get isSquare(): boolean {
    return this.rows === this.cols;
  }

  /** Element (i, j) as a complex.js value. */
  get(i: number, j: number): Complex {
    const k = 2 * (i * this.cols + j);
    return new Complex(this.data[k], this.data[k + 1]);
  }

  /** Real part of element (i, j). */
  re(i: number, j: number): number {
    return this.data[2 * (i * this.cols + j)];
  }

  /** Imaginary part of element (i, j). */
  im(i: number, j: number): number {
    return this.data[2 * (i * this.cols + j) + 1];
  }

  /** Set element (i, j) to `value`; returns the matrix, for chaining. */
  set(i: number, j: number, value: ComplexLike): this {
    const k = 2 * (i * this.cols + j);
    if (typeof value === "number") {
      this.data[k] = value;
      this.data[k + 1] = 0;
    } else {
      this.data[k] = value.re;
      this.data[k + 1] = value.im;
    }
    return this;
  }

  /** A copy with its own data. */
  clone(): ComplexMatrix {
    return new ComplexMatrix(this.rows, this.cols, this.data.slice());
  }

  /** Real parts as nested arrays (for JSON output and plotting). */
  realParts(): number[][] {
    return this.toNested(0);
  }

  /** Imaginary parts as nested arrays. */
  imagParts(): number[][] {
    return this.toNested(1);
  }

  private toNested(offset: 0 | 1): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const row: number[] = [];
      for (let j = 0; j < this.cols; j++) row.push(this.data[2 * (i * this.cols + j) + offset]);
      out.push(row);
    }
    return out;
  }
}
