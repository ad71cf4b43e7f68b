import { ComplexMatrix } from "../linalg/complex-matrix";
import {
  type CsrMatrix,
  csrAdjoint,
  csrCombination,
  csrDensity,
  csrIdentity,
  csrProduct,
  csrToDense,
  denseTimesCsrInto,
} from "../linalg/csr";
import { dagger } from "../linalg/kernels";
import { type OperatorFactor, operatorCsr } from "./operator-csr";

/**
 * One term X -> (re + i im) A X B of a superoperator, with A = `left` and B = `right` (null: the
 * identity). In column stacking it is (re + i im) B^T (x) A. Every master-equation generator of
 * the library is a sum of such terms: the Hamiltonian part -i H X + i X H, each Lindblad
 * dissipator rate (L X L^dagger - (1/2) L^dagger L X - (1/2) X L^dagger L), and the Redfield
 * kernel (`redfield.ts`). Sparse and matrix-free operators are built from these terms without
 * ever forming a d^2 x d^2 matrix. A factor is dense or CSR (`OperatorFactor`): the global
 * generator's eigenbasis terms keep their jumps sparse, so no d x d array is made per jump.
 */
export interface SandwichTerm {
  /** A, or null for the identity. */
  readonly left: OperatorFactor | null;
  /** B, or null for the identity. */
  readonly right: OperatorFactor | null;
  /** Real part of the coefficient c. */
  readonly re: number;
  /** Imaginary part of the coefficient c. */
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
 * A dense-stored jump with at most this fraction of nonzero entries gets CSR factors in
 * `dissipatorTerms`: local jumps are Kronecker products with identities (a fraction 1/d_site of
 * the entries or less), and sparse factors make every later product O(nonzeros) instead of O(d^2).
 */
export const SPARSE_JUMP_DENSITY = 0.25;

/**
 * The terms of rate * D[L], D[L] X = L X L^dagger - (1/2) {L^dagger L, X}
 * (Lindblad 1976; Breuer & Petruccione eq. 3.63). None for rate 0. A sparse L (CSR, or dense
 * storage with at most SPARSE_JUMP_DENSITY nonzeros) gives CSR factors (L^dagger and L^dagger L by
 * sparse products), so a sparse jump costs O(its nonzeros), nothing of size d^2; a dense L gives
 * dense factors.
 */
export function dissipatorTerms(l: OperatorFactor, rate: number): SandwichTerm[] {
  if (rate === 0) return [];
  const csr = operatorCsr(l);
  if (!(l instanceof ComplexMatrix) || csrDensity(csr) <= SPARSE_JUMP_DENSITY) {
    const lds = csrAdjoint(csr);
    const ldls = csrProduct(lds, csr);
    return [
      { left: csr, right: lds, re: rate, im: 0 },
      { left: ldls, right: null, re: -0.5 * rate, im: 0 },
      { left: null, right: ldls, re: -0.5 * rate, im: 0 },
    ];
  }
  const ld = dagger(l);
  // L^dagger L through the CSR form of L (O(d^2 + products of nonzeros), not O(d^3)).
  const d = l.rows;
  const ldl = new ComplexMatrix(
    d,
    d,
    denseTimesCsrInto(new Float64Array(2 * d * d), ld.data, d, csr, 1, 0, false),
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
  return csrToDense(traceFunctionalCsr(terms, h));
}

/**
 * `traceFunctional` in CSR form: each c_t B_t H A_t as a product of the sparse factors with the
 * CSR form of H, so the work is O(the products' nonzeros) and nothing of size d^2 is touched
 * (a local jump or a sparse H makes M sparse).
 */
export function traceFunctionalCsr(terms: readonly SandwichTerm[], h: ComplexMatrix): CsrMatrix {
  const d = h.rows;
  const hc = operatorCsr(h);
  return csrCombination(
    d,
    d,
    terms.map((t) => {
      const left = t.left ? csrProduct(hc, operatorCsr(t.left)) : hc;
      return { matrix: t.right ? csrProduct(operatorCsr(t.right), left) : left, re: t.re, im: t.im };
    }),
  );
}

/**
 * A sum of terms regrouped as X -> K_L X + X K_R + sum_t c_t A_t X B_t: the one-sided terms
 * (identity included) summed into K_L and K_R in CSR form (null when there are none), and the
 * two-sided terms as they are. For a Lindblad generator K_L = -i H - (1/2) sum_k L_k^dagger L_k
 * and K_R = K_L^dagger (Breuer & Petruccione eq. 3.63). The sums go through triplets, so the
 * work is O(d + the factors' nonzeros), whatever the number of terms.
 */
export function collapseOneSided(
  terms: readonly SandwichTerm[],
  d: number,
): { left: CsrMatrix | null; right: CsrMatrix | null; sandwiches: SandwichTerm[] } {
  const sandwiches: SandwichTerm[] = [];
  const sides = { left: [] as SandwichTerm[], right: [] as SandwichTerm[] };
  for (const t of terms) {
    if (t.left && t.right) sandwiches.push(t);
    else if (t.right) sides.right.push(t);
    else sides.left.push(t);
  }
  const identity = csrIdentity(d);
  const sum = (list: SandwichTerm[], side: "left" | "right"): CsrMatrix | null => {
    if (list.length === 0) return null;
    return csrCombination(
      d,
      d,
      list.map((t) => {
        const f = t[side];
        return { matrix: f ? operatorCsr(f) : identity, re: t.re, im: t.im };
      }),
    );
  };
  return { left: sum(sides.left, "left"), right: sum(sides.right, "right"), sandwiches };
}
