import { type CsrMatrix, csrTimesDenseInto, csrTranspose, denseTimesCsrInto } from "../linalg/csr";
import {
  csrBytes,
  DEFAULT_MEMORY_LIMIT,
  type LiouvilleOperator,
  type Representation,
} from "./liouville-operator";
import { type OperatorFactor, operatorCsr, operatorTransposeCsr } from "./operator-csr";
import { collapseOneSided, type SandwichTerm } from "./sandwich-terms";
import { checkDense, SparseSuperoperator } from "./sparse-superoperator";
import { COMPLEX_MULTIPLY_ADD_FLOPS, Superoperator } from "./superoperator";

/**
 * A Liouville-space operator kept as its terms X -> c A X B (the matrix-free Lindblad form, and
 * the Redfield kernel written the same way) and applied as products of d x d matrices: nothing
 * of size d^4 is stored.
 *
 * ## Method
 * The terms with only a left factor are summed into one operator K_L, those with only a right
 * factor into K_R (for a Lindblad generator K_L = -i H - (1/2) sum_k L_k^dagger L_k and
 * K_R = K_L^dagger, from L X = -i [H, X] + sum_k (L_k X L_k^dagger - (1/2) {L_k^dagger L_k, X});
 * Breuer & Petruccione eq. 3.63), and L X = K_L X + X K_R + sum_t c_t A_t X B_t. Every factor is held in CSR
 * form, so one application costs O(d (nnz(K_L) + nnz(K_R) + sum_t nnz(A_t) + nnz(B_t))): O(k d^3)
 * for dense factors, far less for local operators (a spin chain's). A two-sided term whose
 * factors are so sparse that nnz(A) nnz(B) is below that (a global jump in the eigenbasis) is
 * applied one product of nonzeros at a time instead, with no d x d scratch pass. The
 * column-stacked vector of X is the row-major storage of X^T, so the products are taken on X^T:
 * (A X B)^T = B^T X^T A^T.
 */
export class MatrixFreeSuperoperator implements LiouvilleOperator {
  /** Always "matrix-free". */
  readonly representation: Representation = "matrix-free";
  readonly size: number;
  readonly storedEntries = 0;
  private readonly leftT: CsrMatrix | null;
  private readonly rightT: CsrMatrix | null;
  private readonly sandwiches: Sandwich[];
  private readonly scratch: Float64Array;

  constructor(
    readonly hilbertDimension: number,
    /** The terms X -> c A X B whose sum is the operator. */
    readonly terms: readonly SandwichTerm[],
  ) {
    const d = hilbertDimension;
    this.size = d * d;
    const { left, right, sandwiches } = collapseOneSided(terms, d);
    this.leftT = left ? csrTranspose(left) : null;
    this.rightT = right ? csrTranspose(right) : null;
    this.sandwiches = sandwiches.map((t) => {
      const a = operatorTransposeCsr(t.left as OperatorFactor);
      const b = operatorTransposeCsr(t.right as OperatorFactor);
      const na = a.columns.length;
      const nb = b.columns.length;
      // Entry by entry costs nnz(A) nnz(B); through the scratch X^T A^T about d^2 + d (nnz(A) + nnz(B)).
      const direct = na * nb <= d * d + d * (na + nb);
      return { a, b, re: t.re, im: t.im, aRows: direct ? rowIndices(a) : null };
    });
    const needsScratch = this.sandwiches.some((s) => s.aRows === null);
    this.scratch = new Float64Array(needsScratch ? 2 * d * d : 0);
  }

  get bytes(): number {
    let entries = (this.leftT?.columns.length ?? 0) + (this.rightT?.columns.length ?? 0);
    let rowIndexBytes = 0;
    for (const s of this.sandwiches) {
      entries += s.a.columns.length + s.b.columns.length;
      rowIndexBytes += s.aRows?.byteLength ?? 0;
    }
    return csrBytes(entries, 0) + rowIndexBytes + 8 * this.scratch.length;
  }

  get applyFlops(): number {
    // Each entry of a factor meets a row of the d x d operand (d multiply-adds), except for the
    // sandwiches applied entry by entry (one per pair of nonzeros); see `applyInto`.
    const d = this.hilbertDimension;
    let products = d * ((this.leftT?.columns.length ?? 0) + (this.rightT?.columns.length ?? 0));
    for (const s of this.sandwiches) {
      const na = s.a.columns.length;
      const nb = s.b.columns.length;
      products += s.aRows ? na * nb : d * (na + nb);
    }
    return COMPLEX_MULTIPLY_ADD_FLOPS * products;
  }

  applyInto(out: Float64Array, x: Float64Array): Float64Array {
    const d = this.hilbertDimension;
    // Y^T = X^T K_L^T + K_R^T X^T + sum_t c_t B_t^T (X^T A_t^T)
    if (this.leftT) denseTimesCsrInto(out, x, d, this.leftT, 1, 0, false);
    else out.fill(0, 0, 2 * d * d);
    if (this.rightT) csrTimesDenseInto(out, this.rightT, x, d, 1, 0, true);
    const t = this.scratch;
    for (const s of this.sandwiches) {
      if (s.aRows) sandwichEntriesInto(out, x, d, s);
      else {
        denseTimesCsrInto(t, x, d, s.a, 1, 0, false);
        csrTimesDenseInto(out, s.b, t, d, s.re, s.im, true);
      }
    }
    return out;
  }

  normBound(): number {
    let sum = 0;
    for (const t of this.terms) {
      const a = t.left ? rowSumNorm(operatorCsr(t.left)) : 1;
      const b = t.right ? rowSumNorm(operatorTransposeCsr(t.right)) : 1;
      sum += Math.hypot(t.re, t.im) * a * b;
    }
    return sum;
  }

  toCsr(): CsrMatrix {
    return SparseSuperoperator.fromTerms(this.hilbertDimension, this.terms).csr;
  }

  toDense(memoryLimit = DEFAULT_MEMORY_LIMIT): Superoperator {
    checkDense(this.hilbertDimension, memoryLimit);
    return Superoperator.fromTerms(this.hilbertDimension, this.terms);
  }
}

/** A two-sided term c A X B held as A^T and B^T; `aRows` (the row of each entry of A^T) when applied entry by entry. */
interface Sandwich {
  readonly a: CsrMatrix;
  readonly b: CsrMatrix;
  readonly re: number;
  readonly im: number;
  readonly aRows: Int32Array | null;
}

/** The row index of each stored entry of a CSR matrix. */
function rowIndices(a: CsrMatrix): Int32Array {
  const rows = new Int32Array(a.columns.length);
  for (let i = 0; i < a.rows; i++) rows.fill(i, a.rowStart[i], a.rowStart[i + 1]);
  return rows;
}

/**
 * out^T += c B^T X^T A^T one product of nonzeros at a time: (B^T)_jl (X^T)_lk (A^T)_ki lands in
 * (j, i). O(nnz(A) nnz(B)), for sparse factors (a global jump in the eigenbasis and its adjoint).
 */
function sandwichEntriesInto(out: Float64Array, x: Float64Array, d: number, s: Sandwich): void {
  const { a, b, re, im } = s;
  const aRows = s.aRows as Int32Array;
  for (let j = 0; j < d; j++) {
    for (let q = b.rowStart[j]; q < b.rowStart[j + 1]; q++) {
      const l = b.columns[q];
      const br0 = b.values[2 * q];
      const bi0 = b.values[2 * q + 1];
      sandwichRowInto(out, x, d, j, l, re * br0 - im * bi0, re * bi0 + im * br0, a, aRows);
    }
  }
}

/**
 * Row j of out^T += b (X^T)_l. A^T for one entry b = c (B^T)_jl, over the nonzeros of A^T (a small
 * kernel, which V8 optimises after a few calls).
 */
function sandwichRowInto(
  out: Float64Array,
  x: Float64Array,
  d: number,
  j: number,
  l: number,
  br: number,
  bi: number,
  a: CsrMatrix,
  aRows: Int32Array,
): void {
  for (let p = 0; p < aRows.length; p++) {
    const k = aRows[p];
    const xr = x[2 * (l * d + k)];
    const xi = x[2 * (l * d + k) + 1];
    if (xr === 0 && xi === 0) continue;
    const ar = a.values[2 * p];
    const ai = a.values[2 * p + 1];
    // (B^T_jl X^T_lk) A^T_ki
    const tr = br * xr - bi * xi;
    const ti = br * xi + bi * xr;
    const o = 2 * (j * d + a.columns[p]);
    out[o] += tr * ar - ti * ai;
    out[o + 1] += tr * ai + ti * ar;
  }
}

function rowSumNorm(a: CsrMatrix): number {
  let best = 0;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++)
      s += Math.hypot(a.values[2 * p], a.values[2 * p + 1]);
    best = Math.max(best, s);
  }
  return best;
}
