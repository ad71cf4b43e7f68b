import { ComplexMatrix } from "../linalg/complex-matrix";
import { type CsrMatrix, csrTimesDenseInto, denseTimesCsrInto } from "../linalg/csr";
import {
  csrBytes,
  DEFAULT_MEMORY_LIMIT,
  type LiouvilleOperator,
  type Representation,
} from "./liouville-operator";
import { operatorCsr, operatorTransposeCsr } from "./operator-csr";
import type { SandwichTerm } from "./sandwich-terms";
import { checkDense, SparseSuperoperator } from "./sparse-superoperator";
import { Superoperator } from "./superoperator";

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
 * for dense factors, far less for local operators (a spin chain's). The column-stacked vector
 * of X is the row-major storage of X^T, so the products are taken on X^T:
 * (A X B)^T = B^T X^T A^T.
 */
export class MatrixFreeSuperoperator implements LiouvilleOperator {
  readonly representation: Representation = "matrix-free";
  readonly size: number;
  readonly storedEntries = 0;
  private readonly leftT: CsrMatrix | null;
  private readonly rightT: CsrMatrix | null;
  private readonly sandwiches: { a: CsrMatrix; b: CsrMatrix; re: number; im: number }[];
  private readonly scratch: Float64Array;

  constructor(
    readonly hilbertDimension: number,
    readonly terms: readonly SandwichTerm[],
  ) {
    const d = hilbertDimension;
    this.size = d * d;
    const left = new ComplexMatrix(d, d);
    const right = new ComplexMatrix(d, d);
    let hasLeft = false;
    let hasRight = false;
    this.sandwiches = [];
    for (const t of terms) {
      if (t.left && t.right) {
        this.sandwiches.push({
          a: operatorTransposeCsr(t.left),
          b: operatorTransposeCsr(t.right),
          re: t.re,
          im: t.im,
        });
      } else if (t.right) {
        addScaledInto(right, t.right, t.re, t.im);
        hasRight = true;
      } else {
        if (t.left) addScaledInto(left, t.left, t.re, t.im);
        else for (let i = 0; i < d; i++) addIdentity(left, i, t.re, t.im);
        hasLeft = true;
      }
    }
    this.leftT = hasLeft ? operatorTransposeCsr(left) : null;
    this.rightT = hasRight ? operatorTransposeCsr(right) : null;
    this.scratch = new Float64Array(this.sandwiches.length > 0 ? 2 * d * d : 0);
  }

  get bytes(): number {
    let entries = (this.leftT?.columns.length ?? 0) + (this.rightT?.columns.length ?? 0);
    for (const s of this.sandwiches) entries += s.a.columns.length + s.b.columns.length;
    return csrBytes(entries, 0) + 8 * this.scratch.length;
  }

  applyInto(out: Float64Array, x: Float64Array): Float64Array {
    const d = this.hilbertDimension;
    // Y^T = X^T K_L^T + K_R^T X^T + sum_t c_t B_t^T (X^T A_t^T)
    if (this.leftT) denseTimesCsrInto(out, x, d, this.leftT, 1, 0, false);
    else out.fill(0, 0, 2 * d * d);
    if (this.rightT) csrTimesDenseInto(out, this.rightT, x, d, 1, 0, true);
    const t = this.scratch;
    for (const s of this.sandwiches) {
      denseTimesCsrInto(t, x, d, s.a, 1, 0, false);
      csrTimesDenseInto(out, s.b, t, d, s.re, s.im, true);
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

function addScaledInto(out: ComplexMatrix, a: ComplexMatrix, re: number, im: number): void {
  const o = out.data;
  const x = a.data;
  for (let k = 0; k < o.length; k += 2) {
    o[k] += re * x[k] - im * x[k + 1];
    o[k + 1] += re * x[k + 1] + im * x[k];
  }
}

function addIdentity(out: ComplexMatrix, i: number, re: number, im: number): void {
  const k = 2 * (i * out.cols + i);
  out.data[k] += re;
  out.data[k + 1] += im;
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
