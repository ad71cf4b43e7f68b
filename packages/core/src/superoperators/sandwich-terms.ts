import { ComplexMatrix } from "../linalg/complex-matrix";
import { csrTimesDenseInto, denseTimesCsrInto } from "../linalg/csr";
import { dagger } from "../linalg/kernels";
import { operatorCsr } from "./operator-csr";

/**
 * One term X -> (re + i im) A X B of a superoperator, with A = `left` and B = `right` (null: the
 * identity). In column stacking it is (re + i im) B^T (x) A. Every master-equation generator of
 * the library is a sum of such terms: the Hamiltonian part -i H X + i X H, each Lindblad
 * dissipator rate (L X L^dagger - (1/2) L^dagger L X - (1/2) X L^dagger L), and the Redfield
 * kernel (`redfield.ts`). Sparse and matrix-free operators are built from these terms without
 * ever forming a d^2 x d^2 matrix.
 */
export interface SandwichTerm {
  readonly left: ComplexMatrix | null;
  readonly right: ComplexMatrix | null;
  readonly re: number;
  readonly im: number;
}

/** The terms of X -> -i [H, X]. */
export function hamiltonianTerms(h: ComplexMatrix): SandwichTerm[] {
  return [
    { left: h, right: null, re: 0, im: -1 },
    { left: null, right: h, re: 0, im: 1 },
  ];
}

/**
 * The terms of rate * D[L], D[L] X = L X L^dagger - (1/2) {L^dagger L, X}
 * (Lindblad 1976; Breuer & Petruccione eq. 3.63). None for rate 0.
 */
export function dissipatorTerms(l: ComplexMatrix, rate: number): SandwichTerm[] {
  if (rate === 0) return [];
  const ld = dagger(l);
  // L^dagger L through the sparsity of L (O(d^2 + products of nonzeros), not O(d^3)): jumps are
  // sparse (a global jump joins levels one Bohr frequency apart; a local one acts on one site).
  const d = l.rows;
  const ldl = new ComplexMatrix(
    d,
    d,
    denseTimesCsrInto(new Float64Array(2 * d * d), ld.data, d, operatorCsr(l), 1, 0, false),
  );
  return [
    { left: l, right: ld, re: rate, im: 0 },
    { left: ldl, right: null, re: -0.5 * rate, im: 0 },
    { left: null, right: ldl, re: -0.5 * rate, im: 0 },
  ];
}

/**
 * The trace functional of a sum of terms S (its adjoint applied to H): the d x d matrix M
 * with Tr[H S(X)] = Tr[M X] for every X, M = sum_t c_t B_t H A_t (cyclic trace). For a
 * dissipator and H = H_S, Tr[M rho] is the heat current of that dissipator.
 */
export function traceFunctional(terms: readonly SandwichTerm[], h: ComplexMatrix): ComplexMatrix {
  const d = h.rows;
  const out = new Float64Array(2 * d * d);
  const ha = new Float64Array(2 * d * d);
  for (const t of terms) {
    // c B (H A), each product through the CSR form of the factor: O(d nnz), not O(d^3).
    const left = t.left ? denseTimesCsrInto(ha, h.data, d, operatorCsr(t.left), 1, 0, false) : h.data;
    if (t.right) csrTimesDenseInto(out, operatorCsr(t.right), left, d, t.re, t.im, true);
    else {
      for (let k = 0; k < out.length; k += 2) {
        out[k] += t.re * left[k] - t.im * left[k + 1];
        out[k + 1] += t.re * left[k + 1] + t.im * left[k];
      }
    }
  }
  return new ComplexMatrix(d, d, out);
}
