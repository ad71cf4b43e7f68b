import type { ComplexMatrix } from "../linalg/complex-matrix";
import { csrDensity, csrMatvecInto, toCsr } from "../linalg/csr";
import type { HermitianEigen } from "../linalg/hermitian-eigen";
import { matvecInto } from "../linalg/kernels";
import { accumulateDissipator, type JumpOperator, Superoperator } from "../superoperators/superoperator";
import type { OpenSystem } from "../system/open-system";
import { ELEMENT_TOLERANCE } from "./eigenbasis";

/** The master-equation approaches of DESIGN.md section 3. */
export type Approach = "local" | "global" | "redfield";
export const APPROACHES: readonly Approach[] = Object.freeze(["local", "global", "redfield"]);

/** A jump operator given both in the original basis and in the eigenbasis of H_S. */
export interface Jump extends JumpOperator {
  /** The same operator in the eigenbasis of H_S: V^dagger L V. */
  readonly eigenOperator: ComplexMatrix;
}

/**
 * One dissipative channel: part of one bath's dissipator. For `global` it is one Bohr frequency
 * (the jumps that exchange a quantum `omega` with the bath, down and up); for `local` one
 * coupling at its local frequency; for `redfield` the bath's whole kernel (no jumps).
 */
export interface Channel {
  readonly bath: string;
  /** Bohr frequency (global), local frequency (local), or null (redfield: all frequencies). */
  readonly omega: number | null;
  /** Lindblad jumps of this channel; empty for a channel not in Lindblad form (redfield). */
  readonly jumps: readonly Jump[];
  /**
   * The channel's dissipator as a d^2 x d^2 superoperator. For Lindblad channels it is built on
   * first access (a truncated Fock space has hundreds of channels, and the generator itself
   * never needs them one by one).
   */
  readonly superoperator: Superoperator;
}

/** A Lindblad channel whose superoperator sum_k rate_k D[L_k] is built on first access. */
export function lindbladChannel(
  bath: string,
  omega: number | null,
  jumps: readonly Jump[],
  dimension: number,
): Channel {
  let cached: Superoperator | undefined;
  return {
    bath,
    omega,
    jumps,
    get superoperator() {
      if (!cached) {
        cached = new Superoperator(dimension);
        for (const j of jumps) accumulateDissipator(cached, j.operator, j.rate);
      }
      return cached;
    },
  };
}

/**
 * A master-equation generator d vec(rho)/dt = L vec(rho), built by `buildGenerator`.
 * Everything is in the original basis of the system unless the name says eigen.
 */
export interface Generator {
  readonly approach: Approach;
  readonly system: OpenSystem;
  /** Hilbert-space dimension d; vectors of Liouville space have d^2 complex entries. */
  readonly dimension: number;
  /** Eigen-decomposition of H_S (energies ascending). */
  readonly eigen: HermitianEigen;
  /** The total generator, Hamiltonian part included. */
  readonly liouvillian: Superoperator;
  /** One dissipator superoperator per bath, in the order of `system.baths`. */
  readonly bathDissipators: ReadonlyMap<string, Superoperator>;
  /** The channels, grouped by bath and (for global) Bohr frequency. */
  readonly channels: readonly Channel[];
  /** True when every channel is in Lindblad form (local, global): the generator is then CPTP. */
  readonly lindbladForm: boolean;
  /**
   * The right-hand side for ODE integrators: dydt = L y, with y = vec(rho) as an interleaved
   * complex vector of length 2 d^2 (column stacking). Allocation-free.
   */
  rhs(t: number, y: Float64Array, dydt: Float64Array): void;
}

/**
 * Below this fraction of nonzero entries the right-hand side multiplies a CSR copy of the
 * Liouvillian instead of the dense matrix (a sparse row costs about twice a dense entry).
 */
export const SPARSE_RHS_DENSITY = 0.4;

/**
 * The right-hand side y -> L y for the integrators: a CSR matrix-vector product when L is
 * sparse enough (SPARSE_RHS_DENSITY), else the dense one. Allocation-free per call. The CSR
 * copy leaves out entries below ELEMENT_TOLERANCE (1e-14) of the largest: rounding residue of
 * the eigenbasis transforms, far below any integrator tolerance.
 */
export function liouvillianRhs(l: Superoperator): (t: number, y: Float64Array, dydt: Float64Array) => void {
  const csr = toCsr(l, ELEMENT_TOLERANCE);
  if (csrDensity(csr) < SPARSE_RHS_DENSITY) {
    return (_t, y, dydt) => {
      csrMatvecInto(dydt, csr, y);
    };
  }
  return (_t, y, dydt) => {
    matvecInto(dydt, l, y);
  };
}
