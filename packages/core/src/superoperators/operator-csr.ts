import { ComplexMatrix } from "../linalg/complex-matrix";
import { type CsrMatrix, csrToDense, csrTranspose, toCsr } from "../linalg/csr";

/**
 * A d x d operator inside a superoperator term: dense, or already sparse (a global jump in the
 * eigenbasis of H_S, whose few nonzeros join levels one Bohr frequency apart).
 */
export type OperatorFactor = ComplexMatrix | CsrMatrix;

// CSR forms of the d x d operators inside superoperator terms, computed once per object
// (operators are immutable by convention once they are part of a generator).
const csrCache = new WeakMap<ComplexMatrix, CsrMatrix>();
const transposeCache = new WeakMap<OperatorFactor, CsrMatrix>();

/** The CSR form of a d x d operator (exact zeros left out), cached per dense matrix object. */
export function operatorCsr(m: OperatorFactor): CsrMatrix {
  if (!(m instanceof ComplexMatrix)) return m;
  let c = csrCache.get(m);
  if (!c) {
    c = toCsr(m);
    csrCache.set(m, c);
  }
  return c;
}

/** The CSR form of the transpose (not conjugated) of a d x d operator, cached per object. */
export function operatorTransposeCsr(m: OperatorFactor): CsrMatrix {
  let c = transposeCache.get(m);
  if (!c) {
    c = csrTranspose(operatorCsr(m));
    transposeCache.set(m, c);
  }
  return c;
}

/**
 * The dense form of an operator (the matrix itself when it is dense). Only for the paths that are
 * dense anyway (a d^2 x d^2 superoperator); not cached.
 */
export function operatorDense(m: OperatorFactor): ComplexMatrix {
  return m instanceof ComplexMatrix ? m : csrToDense(m);
}

/** Nonzeros of a term's factor (d for the identity). */
export function factorEntries(m: OperatorFactor | null, d: number): number {
  return m === null ? d : operatorCsr(m).columns.length;
}
