import { DimensionError } from "../errors/dimension-error";
import type { ComplexMatrix } from "./complex-matrix";

// O(1) shape checks for the kernels: they compare dimensions only, never entries, so that
// kernels called in inner loops keep their cost.

const shape = (m: ComplexMatrix) => `${m.rows}x${m.cols}`;

/** Throw DimensionError naming `parameter` unless `m` is rows x cols. */
export function assertShape(parameter: string, m: ComplexMatrix, rows: number, cols: number): void {
  if (m.rows !== rows || m.cols !== cols) throw new DimensionError(parameter, `${rows}x${cols}`, shape(m));
}

/** Throw unless `b` has the shape of `a` (elementwise operations). */
export function assertSameShape(a: ComplexMatrix, b: ComplexMatrix, parameter = "b"): void {
  assertShape(parameter, b, a.rows, a.cols);
}

/** Throw unless the product a b is defined (a.cols === b.rows). */
export function assertProduct(a: ComplexMatrix, b: ComplexMatrix): void {
  if (a.cols !== b.rows) {
    throw new DimensionError("b", `${a.cols} rows (the columns of a, ${shape(a)})`, shape(b));
  }
}

/** Throw unless `m` is square. */
export function assertSquare(parameter: string, m: ComplexMatrix): void {
  if (m.rows !== m.cols) throw new DimensionError(parameter, "square", shape(m));
}

/** Throw unless a vector of interleaved complex entries has `entries` of them. */
export function assertVectorLength(parameter: string, v: Float64Array, entries: number): void {
  if (v.length !== 2 * entries) {
    throw new DimensionError(
      parameter,
      `${entries} complex entries (length ${2 * entries})`,
      `length ${v.length}`,
    );
  }
}
