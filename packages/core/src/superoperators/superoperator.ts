import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { type CsrMatrix, toCsr } from "../linalg/csr";
import { addInto, dagger, matmul, matvecInto, maxRowSumNorm } from "../linalg/kernels";
import { assertHermitian } from "../operators/validate";
import { operatorDense } from "./operator-csr";
import type { SandwichTerm } from "./sandwich-terms";
import { vecIndex } from "./vectorize";

/**
 * How a Liouville-space operator is stored:
 * - `dense`: the d^2 x d^2 complex matrix (16 d^4 bytes), `Superoperator`;
 * - `sparse`: compressed sparse rows of its nonzeros, `SparseSuperoperator`;
 * - `matrix-free`: a sum of terms X -> c A X B applied as products of d x d matrices, nothing of
 *   size d^4 is ever stored, `MatrixFreeSuperoperator`.
 */
export type Representation = "dense" | "sparse" | "matrix-free";
/** Floating-point operations of one complex multiply-add (four multiplications, four additions). */
export const COMPLEX_MULTIPLY_ADD_FLOPS = 8;

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
   * Floating-point operations of one `applyInto`, about (8 per complex multiply-add): 8 d^4
   * (dense), 8 per stored entry (sparse); matrix-free, 8 d per entry of the factors, or 8 per
   * pair of nonzeros for a sandwich applied entry by entry. A cost model's input (the `expm`
   * integrator sizes its Krylov subspace with it), not a timing.
   */
  readonly applyFlops: number;
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
 * A dense superoperator: a d^2 x d^2 complex matrix acting on column-stacked density matrices
 * (see `vectorize.ts`), the `dense` representation of a `LiouvilleOperator`. `hilbertDimension`
 * is d; it takes 16 d^4 bytes.
 */
export class Superoperator extends ComplexMatrix implements LiouvilleOperator {
  /** Always "dense". */
  readonly representation: Representation = "dense";

  constructor(
    readonly hilbertDimension: number,
    data?: Float64Array,
  ) {
    super(hilbertDimension * hilbertDimension, hilbertDimension * hilbertDimension, data);
  }

  /** A dense superoperator from sandwich terms (see `SandwichTerm`). */
  static fromTerms(d: number, terms: readonly SandwichTerm[]): Superoperator {
    const s = new Superoperator(d);
    for (const t of terms) {
      accumulateSandwich(s, t.left && operatorDense(t.left), t.right && operatorDense(t.right), t.re, t.im);
    }
    return s;
  }

  get size(): number {
    return this.rows;
  }

  get storedEntries(): number {
    return this.rows * this.cols;
  }

  get bytes(): number {
    return this.data.byteLength;
  }

  get applyFlops(): number {
    return COMPLEX_MULTIPLY_ADD_FLOPS * this.storedEntries;
  }

  applyInto(out: Float64Array, x: Float64Array): Float64Array {
    return matvecInto(out, this, x);
  }

  normBound(): number {
    return maxRowSumNorm(this);
  }

  toCsr(): CsrMatrix {
    return toCsr(this);
  }

  toDense(): Superoperator {
    return this;
  }

  /** this += alpha * other (real alpha), in place. */
  addScaled(other: ComplexMatrix, alpha = 1): this {
    addInto(this, this, other, 1, alpha);
    return this;
  }
}

/**
 * Accumulate alpha * (B^T (x) A) into `out`, i.e. the superoperator X -> alpha A X B, with
 * alpha = ar + i ai. With A or B null the identity is used. Kernel, unchecked.
 */
export function accumulateSandwich(
  out: Superoperator,
  a: ComplexMatrix | null,
  b: ComplexMatrix | null,
  ar: number,
  ai = 0,
): void {
  const d = out.hilbertDimension;
  const n = d * d;
  const o = out.data;
  // element ((i + j d), (k + l d)) = A_ik B_lj
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      let xr: number;
      let xi: number;
      if (a === null) {
        if (i !== k) continue;
        xr = 1;
        xi = 0;
      } else {
        xr = a.data[2 * (i * d + k)];
        xi = a.data[2 * (i * d + k) + 1];
        if (xr === 0 && xi === 0) continue;
      }
      const sr = ar * xr - ai * xi;
      const si = ar * xi + ai * xr;
      for (let l = 0; l < d; l++) {
        for (let j = 0; j < d; j++) {
          let yr: number;
          let yi: number;
          if (b === null) {
            if (l !== j) continue;
            yr = 1;
            yi = 0;
          } else {
            yr = b.data[2 * (l * d + j)];
            yi = b.data[2 * (l * d + j) + 1];
            if (yr === 0 && yi === 0) continue;
          }
          const idx = 2 * (vecIndex(i, j, d) * n + vecIndex(k, l, d));
          o[idx] += sr * yr - si * yi;
          o[idx + 1] += sr * yi + si * yr;
        }
      }
    }
  }
}

/** spre(A): X -> A X, equal to I (x) A in column stacking. */
export function spre(a: ComplexMatrix): Superoperator {
  const s = new Superoperator(checkSquare("a", a));
  accumulateSandwich(s, a, null, 1);
  return s;
}

/** spost(B): X -> X B, equal to B^T (x) I in column stacking. */
export function spost(b: ComplexMatrix): Superoperator {
  const s = new Superoperator(checkSquare("b", b));
  accumulateSandwich(s, null, b, 1);
  return s;
}

/** sprepost(A, B): X -> A X B, equal to B^T (x) A. */
export function sprepost(a: ComplexMatrix, b: ComplexMatrix): Superoperator {
  const d = checkSquare("a", a);
  if (b.rows !== d || b.cols !== d) throw new DimensionError("b", `${d}x${d}`, `${b.rows}x${b.cols}`);
  const s = new Superoperator(d);
  accumulateSandwich(s, a, b, 1);
  return s;
}

/** The Hamiltonian part X -> -i [H, X] = -i (spre(H) - spost(H)). */
export function commutatorSuper(h: ComplexMatrix): Superoperator {
  assertHermitian("hamiltonian", h);
  const s = new Superoperator(h.rows);
  accumulateHamiltonian(s, h);
  return s;
}

/** Accumulate -i (spre(H) - spost(H)) into `out`. Kernel, unchecked. */
export function accumulateHamiltonian(out: Superoperator, h: ComplexMatrix): void {
  accumulateSandwich(out, h, null, 0, -1);
  accumulateSandwich(out, null, h, 0, 1);
}

/**
 * Accumulate rate * D[L] into `out`, where
 *   D[L] X = L X L^dagger - (1/2) {L^dagger L, X}   (Lindblad 1976; Breuer & Petruccione eq. 3.63).
 * Kernel, unchecked.
 */
export function accumulateDissipator(out: Superoperator, l: ComplexMatrix, rate: number): void {
  if (rate === 0) return;
  const ld = dagger(l);
  const ldl = matmul(ld, l);
  accumulateSandwich(out, l, ld, rate);
  accumulateSandwich(out, ldl, null, -0.5 * rate);
  accumulateSandwich(out, null, ldl, -0.5 * rate);
}

/**
 * The Lindblad dissipator rate * D[L] with D[L] X = L X L^dagger - (1/2){L^dagger L, X}.
 * @example lindbladDissipator(sigmaMinus(), 1) // amplitude damping at unit rate
 */
export function lindbladDissipator(l: ComplexMatrix, rate = 1): Superoperator {
  const d = checkSquare("operator", l);
  checkRate(rate);
  const s = new Superoperator(d);
  accumulateDissipator(s, l, rate);
  return s;
}

/** A jump operator with its rate, one term rate * D[L] of a Lindblad generator. */
export interface JumpOperator {
  /** The jump operator L. */
  readonly operator: ComplexMatrix;
  /** Its rate (>= 0). */
  readonly rate: number;
}

/**
 * The Lindblad generator L X = -i [H, X] + sum_k rate_k D[L_k] X.
 * @example liouvillian(sigmaZ(), [{ operator: sigmaMinus(), rate: 0.1 }])
 */
export function liouvillian(h: ComplexMatrix, jumps: readonly JumpOperator[] = []): Superoperator {
  assertHermitian("hamiltonian", h);
  const d = h.rows;
  const s = new Superoperator(d);
  accumulateHamiltonian(s, h);
  jumps.forEach((j, k) => {
    if (j.operator.rows !== d || j.operator.cols !== d) {
      throw new DimensionError(`jumps[${k}].operator`, `${d}x${d}`, `${j.operator.rows}x${j.operator.cols}`);
    }
    checkRate(j.rate, `jumps[${k}].rate`);
    accumulateDissipator(s, j.operator, j.rate);
  });
  return s;
}

function checkSquare(name: string, m: ComplexMatrix): number {
  if (!m.isSquare) throw new DimensionError(name, "square", `${m.rows}x${m.cols}`);
  return m.rows;
}

function checkRate(rate: number, name = "rate"): void {
  if (!Number.isFinite(rate) || rate < 0) throw new ParameterError(name, "a finite number >= 0", rate);
}
