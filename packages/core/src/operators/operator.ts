import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";

/**
 * A square operator on a (possibly composite) Hilbert space: a dense complex matrix together
 * with the dimensions of its subsystems, e.g. `dims = [2, 2]` for two qubits. The basis index of
 * a product state is row-major in the subsystem indices (for two qubits `2*i1 + i2`), matching
 * `kron(A, B)` with A on the first subsystem.
 */
export class Operator extends ComplexMatrix {
  /** Dimensions of the subsystems, first subsystem first (frozen). */
  readonly dims: readonly number[];

  constructor(dims: readonly number[], data?: Float64Array) {
    const n = productOf(dims);
    super(n, n, data);
    this.dims = Object.freeze([...dims]);
  }

  /** View a square matrix as an operator with the given subsystem dimensions (default: one system). */
  static of(matrix: ComplexMatrix, dims: readonly number[] = [matrix.rows]): Operator {
    if (!matrix.isSquare) throw new DimensionError("operator", "square", `${matrix.rows}x${matrix.cols}`);
    if (productOf(dims) !== matrix.rows) {
      throw new DimensionError("dims", `product ${matrix.rows}`, `[${dims.join(", ")}]`);
    }
    return new Operator(dims, matrix.data);
  }

  /** The Hilbert-space dimension (product of `dims`). */
  get dimension(): number {
    return this.rows;
  }

  /** A copy with its own data and the same `dims`. */
  override clone(): Operator {
    return new Operator(this.dims, this.data.slice());
  }
}

/** Product of subsystem dimensions, validating each as a positive integer. */
export function productOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1)
      throw new ParameterError("dims", "a list of positive integers", `[${dims.join(", ")}]`);
    n *= d;
  }
  return n;
}
