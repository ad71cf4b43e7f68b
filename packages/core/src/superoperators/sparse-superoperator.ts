import { ResourceError } from "../errors/resource-error";
import { type CsrMatrix, csrFromTriplets, csrMatvecInto } from "../linalg/csr";
import {
  csrBytes,
  DEFAULT_MEMORY_LIMIT,
  denseBytes,
  type LiouvilleOperator,
  type Representation,
} from "./liouville-operator";
import { factorEntries, operatorCsr } from "./operator-csr";
import type { SandwichTerm } from "./sandwich-terms";
import { COMPLEX_MULTIPLY_ADD_FLOPS, Superoperator } from "./superoperator";
import { vecIndex } from "./vectorize";

/**
 * A Liouville-space operator in compressed sparse rows (complex values), built from sandwich
 * terms (`fromTerms`) or from a CSR matrix. Applying it costs O(nnz).
 */
export class SparseSuperoperator implements LiouvilleOperator {
  /** Always "sparse". */
  readonly representation: Representation = "sparse";
  readonly size: number;

  constructor(
    readonly hilbertDimension: number,
    /** The d^2 x d^2 matrix in CSR form. */
    readonly csr: CsrMatrix,
  ) {
    this.size = hilbertDimension * hilbertDimension;
  }

  get storedEntries(): number {
    return this.csr.columns.length;
  }

  get bytes(): number {
    return csrBytes(this.storedEntries, this.size);
  }

  get applyFlops(): number {
    return COMPLEX_MULTIPLY_ADD_FLOPS * this.storedEntries;
  }

  /**
   * Assemble sum_t c_t B_t^T (x) A_t from its terms: one triplet per pair of nonzeros
   * (A_ik, B_lj) at row vec(i, j), column vec(k, l), duplicates summed. Refuses (ResourceError)
   * before allocating when the triplets would exceed `memoryLimit` bytes.
   */
  static fromTerms(
    d: number,
    terms: readonly SandwichTerm[],
    memoryLimit = DEFAULT_MEMORY_LIMIT,
  ): SparseSuperoperator {
    const count = predictedSparseEntries(d, terms);
    const need = 24 * count + csrBytes(count, d * d);
    if (need > memoryLimit) {
      throw new ResourceError(
        `a sparse Liouvillian for d = ${d} (${count.toExponential(2)} entries before summing)`,
        need,
        memoryLimit,
        'use representation "matrix-free", or a larger memoryLimit',
      );
    }
    const ri = new Int32Array(count);
    const ci = new Int32Array(count);
    const v = new Float64Array(2 * count);
    let t = 0;
    for (const term of terms) {
      const a = term.left ? operatorCsr(term.left) : null;
      const b = term.right ? operatorCsr(term.right) : null;
      for (let i = 0; i < d; i++) {
        const aStart = a ? a.rowStart[i] : i;
        const aEnd = a ? a.rowStart[i + 1] : i + 1;
        for (let pa = aStart; pa < aEnd; pa++) {
          const k = a ? a.columns[pa] : i;
          const ar = a ? a.values[2 * pa] : 1;
          const ai = a ? a.values[2 * pa + 1] : 0;
          const sr = term.re * ar - term.im * ai;
          const si = term.re * ai + term.im * ar;
          for (let l = 0; l < d; l++) {
            const bStart = b ? b.rowStart[l] : l;
            const bEnd = b ? b.rowStart[l + 1] : l + 1;
            for (let pb = bStart; pb < bEnd; pb++) {
              const j = b ? b.columns[pb] : l;
              const br = b ? b.values[2 * pb] : 1;
              const bi = b ? b.values[2 * pb + 1] : 0;
              ri[t] = vecIndex(i, j, d);
              ci[t] = vecIndex(k, l, d);
              v[2 * t] = sr * br - si * bi;
              v[2 * t + 1] = sr * bi + si * br;
              t++;
            }
          }
        }
      }
    }
    return new SparseSuperoperator(d, csrFromTriplets(d * d, d * d, ri, ci, v, t));
  }

  applyInto(out: Float64Array, x: Float64Array): Float64Array {
    return csrMatvecInto(out, this.csr, x);
  }

  normBound(): number {
    const { rows, rowStart, values } = this.csr;
    let best = 0;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) s += Math.hypot(values[2 * p], values[2 * p + 1]);
      best = Math.max(best, s);
    }
    return best;
  }

  toCsr(): CsrMatrix {
    return this.csr;
  }

  toDense(memoryLimit = DEFAULT_MEMORY_LIMIT): Superoperator {
    const d = this.hilbertDimension;
    checkDense(d, memoryLimit);
    const s = new Superoperator(d);
    const { rows, rowStart, columns, values } = this.csr;
    const n = this.size;
    for (let i = 0; i < rows; i++) {
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
        s.data[2 * (i * n + columns[p])] = values[2 * p];
        s.data[2 * (i * n + columns[p]) + 1] = values[2 * p + 1];
      }
    }
    return s;
  }
}

/** Triplets the sparse assembly of these terms writes (an upper bound of the nonzeros). */
export function predictedSparseEntries(d: number, terms: readonly SandwichTerm[]): number {
  let count = 0;
  for (const t of terms) count += factorEntries(t.left, d) * factorEntries(t.right, d);
  return count;
}

/** Throw ResourceError when a dense d^2 x d^2 matrix would exceed `memoryLimit`. */
export function checkDense(d: number, memoryLimit: number): void {
  const need = denseBytes(d);
  if (need > memoryLimit) {
    throw new ResourceError(
      `a dense Liouville-space matrix for d = ${d}`,
      need,
      memoryLimit,
      'use representation "sparse" or "matrix-free", or a larger memoryLimit',
    );
  }
}
