import type { CsrMatrix } from "../linalg/csr";
import type { Superoperator } from "./superoperator";

/**
 * How a Liouville-space operator is stored:
 * - `dense`: the d^2 x d^2 complex matrix (16 d^4 bytes), `Superoperator`;
 * - `sparse`: compressed sparse rows of its nonzeros, `SparseSuperoperator`;
 * - `matrix-free`: a sum of terms X -> c A X B applied as products of d x d matrices, nothing of
 *   size d^4 is ever stored, `MatrixFreeSuperoperator`.
 */
export type Representation = "dense" | "sparse" | "matrix-free";
/** Every stored `Representation`. */
export const REPRESENTATIONS: readonly Representation[] = Object.freeze(["dense", "sparse", "matrix-free"]);

/**
 * A linear operator on Liouville space (the column-stacked d x d matrices, see `vectorize.ts`),
 * whatever its storage. Every generator, dissipator and channel of the library is one; code
 * outside the storage layer uses only this interface, never a representation's arrays.
 */
export interface LiouvilleOperator {
  /** How the operator is stored. */
  readonly representation: Representation;
  /** d, the Hilbert-space dimension. */
  readonly hilbertDimension: number;
  /** d^2, the dimension of Liouville space (complex). */
  readonly size: number;
  /** Complex entries held: d^4 (dense), the nonzeros (sparse), 0 (matrix-free). */
  readonly storedEntries: number;
  /** Bytes held by the storage (the operators of a matrix-free form included). */
  readonly bytes: number;
  /**
   * out = L x for interleaved complex vectors of length 2 d^2 (column stacking). Allocation-free;
   * `out` must not alias `x`.
   */
  applyInto(out: Float64Array, x: Float64Array): Float64Array;
  /** An upper bound of the infinity norm (largest absolute row sum); exact for dense and sparse. */
  normBound(): number;
  /** The CSR form (a sparse operator returns its own; the others assemble one). */
  toCsr(): CsrMatrix;
  /**
   * The dense d^2 x d^2 form. Throws ResourceError when it would exceed `memoryLimit` bytes
   * (default DEFAULT_MEMORY_LIMIT), before allocating.
   */
  toDense(memoryLimit?: number): Superoperator;
}

/**
 * The default memory a single representation or solve may claim: 4 GiB. Typed arrays live
 * outside the JavaScript heap, so this is about the machine, not Node's heap limit; pass
 * `memoryLimit` to `buildGenerator` or `steadyState` to change it.
 */
export const DEFAULT_MEMORY_LIMIT = 4 * 2 ** 30;

/** Bytes of a dense Liouville-space matrix for Hilbert dimension d: 16 d^4. */
export function denseBytes(d: number): number {
  return 16 * d ** 4;
}

/** Bytes of a complex CSR matrix with `entries` nonzeros and `rows` rows. */
export function csrBytes(entries: number, rows: number): number {
  return 20 * entries + 4 * (rows + 1);
}
