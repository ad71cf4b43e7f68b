import type { ComplexMatrix } from "../linalg/complex-matrix";
import { type CsrMatrix, csrTranspose, toCsr } from "../linalg/csr";

// CSR forms of the d x d operators inside superoperator terms, computed once per matrix object
// (operators are immutable by convention once they are part of a generator).
const csrCache = new WeakMap<ComplexMatrix, CsrMatrix>();
const transposeCache = new WeakMap<ComplexMatrix, CsrMatrix>();

/** The CSR form of a d x d operator (exact zeros left out), cached per matrix object. */
export function operatorCsr(m: ComplexMatrix): CsrMatrix {
  let c = csrCache.get(m);
  if (!c) {
    c = toCsr(m);
    csrCache.set(m, c);
  }
  return c;
}

/** The CSR form of the transpose (not conjugated) of a d x d operator, cached per matrix object. */
export function operatorTransposeCsr(m: ComplexMatrix): CsrMatrix {
  let c = transposeCache.get(m);
  if (!c) {
    c = csrTranspose(operatorCsr(m));
    transposeCache.set(m, c);
  }
  return c;
}

/** Nonzeros of a term's factor (d for the identity). */
export function factorEntries(m: ComplexMatrix | null, d: number): number {
  return m === null ? d : operatorCsr(m).columns.length;
}
