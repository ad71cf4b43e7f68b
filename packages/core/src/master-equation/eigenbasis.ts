import type { ComplexMatrix } from "../linalg/complex-matrix";
import type { HermitianEigen } from "../linalg/hermitian-eigen";
import { dagger, kron, matmul, matmulChain } from "../linalg/kernels";
import { Superoperator } from "../superoperators/superoperator";

/** An operator in the eigenbasis of H_S: V^dagger A V. */
export function toEigenbasis(a: ComplexMatrix, eigen: HermitianEigen): ComplexMatrix {
  return matmulChain(dagger(eigen.vectors), a, eigen.vectors);
}

/** Back from the eigenbasis: V A V^dagger. */
export function fromEigenbasis(a: ComplexMatrix, eigen: HermitianEigen): ComplexMatrix {
  return matmulChain(eigen.vectors, a, dagger(eigen.vectors));
}

/**
 * The unitary W = conj(V) (x) V that changes basis in Liouville space: with column stacking,
 * vec(V X V^dagger) = W vec(X).
 */
function liouvilleBasisChange(eigen: HermitianEigen): ComplexMatrix {
  const conjV = eigen.vectors.clone();
  for (let k = 1; k < conjV.data.length; k += 2) conjV.data[k] = -conjV.data[k];
  return kron(conjV, eigen.vectors);
}

/** A superoperator given in the eigenbasis, moved to the original basis: W S W^dagger. */
export function superFromEigenbasis(s: Superoperator, eigen: HermitianEigen): Superoperator {
  const w = liouvilleBasisChange(eigen);
  return new Superoperator(s.hilbertDimension, matmul(matmul(w, s), dagger(w)).data);
}

/**
 * Matrix elements below this fraction of the operator's largest element are rounding residue of
 * the basis change and are set to exactly zero, so that selection rules (zero elements) hold
 * exactly and rate equations see no spurious transitions.
 */
export const ELEMENT_TOLERANCE = 1e-14;

/** Zero the entries of `a` smaller than ELEMENT_TOLERANCE times its largest entry (in place). */
export function cleanRoundoff(a: ComplexMatrix): ComplexMatrix {
  let max = 0;
  for (let k = 0; k < a.data.length; k += 2) max = Math.max(max, Math.hypot(a.data[k], a.data[k + 1]));
  const cut = ELEMENT_TOLERANCE * max;
  for (let k = 0; k < a.data.length; k += 2) {
    if (Math.hypot(a.data[k], a.data[k + 1]) <= cut) {
      a.data[k] = 0;
      a.data[k + 1] = 0;
    }
  }
  return a;
}

/** A superoperator moved into the eigenbasis of H_S: W^dagger S W (see liouvilleBasisChange). */
export function superToEigenbasis(s: Superoperator, eigen: HermitianEigen): Superoperator {
  const w = liouvilleBasisChange(eigen);
  return new Superoperator(s.hilbertDimension, matmul(matmul(dagger(w), s), w).data);
}
