import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { transposeRowInto } from "../linalg/kernels";
import { assertShape } from "../linalg/shapes";
import { assertMatrix } from "../operators/operator";

// The vectorisation convention of the whole library, written once here: column stacking,
//   vec(X)[i + j*d] = X[i][j],   so   vec(A X B) = (B^T (x) A) vec(X),
// hence spre(A) = I (x) A and spost(B) = B^T (x) I. This is the convention of QuTiP,
// QuantumOptics.jl and dynamiqs, so superoperators compare entry by entry.

/** Index of element (i, j) of a d x d matrix inside its column-stacked vector. */
export function vecIndex(i: number, j: number, d: number): number {
  return i + j * d;
}

/** Column-stack a d x d matrix into an interleaved complex vector of length 2 d^2. */
export function vec(
  x: ComplexMatrix,
  out: Float64Array = new Float64Array(2 * x.rows * x.cols),
): Float64Array {
  assertMatrix("x", x);
  if (!(out instanceof Float64Array)) throw new ParameterError("out", "a Float64Array", typeof out);
  if (out.length !== x.data.length)
    throw new DimensionError("out", `length ${x.data.length}`, `length ${out.length}`);
  const d = x.rows;
  if (!x.isSquare) throw new DimensionError("x", "square", `${x.rows}x${x.cols}`);
  // vec(X) read as a row-major d x d matrix is X^T.
  for (let i = 0; i < d; i++) transposeRowInto(out, x.data, i, d, d, 1);
  return out;
}

/**
 * Inverse of `vec`: a length 2 d^2 interleaved vector back to a d x d matrix, written into `out`
 * when given (a d x d ComplexMatrix). Anything else, e.g. a plain array or a number as `out`,
 * throws a ParameterError or DimensionError naming the argument.
 */
export function unvec(v: Float64Array, out?: ComplexMatrix): ComplexMatrix {
  if (!(v instanceof Float64Array)) {
    throw new ParameterError(
      "v",
      "a Float64Array of interleaved re, im parts (length 2 d^2)",
      Array.isArray(v) ? "an array" : typeof v,
    );
  }
  const d = Math.round(Math.sqrt(v.length / 2));
  if (2 * d * d !== v.length) throw new DimensionError("v", "length 2 d^2", `length ${v.length}`);
  if (out !== undefined) {
    assertMatrix("out", out);
    assertShape("out", out, d, d);
  }
  const m = out ?? new ComplexMatrix(d, d);
  for (let i = 0; i < d; i++) transposeRowInto(m.data, v, i, d, d, 1);
  return m;
}
