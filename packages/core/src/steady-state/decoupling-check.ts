import { csrTimesDenseInto, denseTimesCsrInto } from "../linalg/csr";
import { dagger, frobeniusNorm } from "../linalg/kernels";
import type { Generator } from "../master-equation/generator";
import { operatorCsr } from "../superoperators/operator-csr";

/**
 * Relative size of [H_S, L^dagger L] (Frobenius norms, against ||H_S|| ||L^dagger L||) above which
 * a jump L certainly couples populations to coherences. Far above rounding (about 1e-15 d), far
 * below any physical commutator, so the test only rules out what the eigenbasis check would too.
 */
export const DECOUPLING_COMMUTATOR_TOLERANCE = 1e-8;

/**
 * A necessary condition, checked in the original basis without diagonalising H_S, for the
 * populations of the energy eigenstates to obey a closed rate equation: every jump L with a
 * nonzero rate has L^dagger L commuting with H_S. (When L has at most one nonzero entry per row
 * and column in the eigenbasis, L^dagger L is diagonal there and so commutes with H_S = diag(E).)
 * False means the populations certainly do not decouple; true means the eigenbasis check
 * (`populationsDecouple`) must decide. Costs O(nnz(L) d + nnz(H) d) per jump, against the O(d^3)
 * eigen-decomposition the eigenbasis check needs: the local approach of a chain with end baths
 * fails it at once.
 */
export function jumpsMayDecouple(generator: Generator): boolean {
  const d = generator.dimension;
  const h = generator.system.hamiltonian;
  const hCsr = operatorCsr(h);
  const hNorm = frobeniusNorm(h);
  const g = new Float64Array(2 * d * d);
  const c = new Float64Array(2 * d * d);
  for (const channel of generator.channels) {
    for (const jump of channel.jumps) {
      if (jump.rate === 0) continue;
      denseTimesCsrInto(g, dagger(jump.operator).data, d, operatorCsr(jump.operator), 1, 0, false);
      // c = H G - G H
      csrTimesDenseInto(c, hCsr, g, d, 1, 0, false);
      denseTimesCsrInto(c, g, d, hCsr, -1, 0, true);
      if (frobeniusNorm(c) > DECOUPLING_COMMUTATOR_TOLERANCE * hNorm * frobeniusNorm(g)) return false;
    }
  }
  return true;
}
