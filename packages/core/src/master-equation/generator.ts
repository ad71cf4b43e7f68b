import { ComplexMatrix } from "../linalg/complex-matrix";
import { csrDensity, csrMatvecInto, toCsr } from "../linalg/csr";
import type { HermitianEigen } from "../linalg/hermitian-eigen";
import { matvecInto } from "../linalg/kernels";
import { accumulateDissipator, type JumpOperator, Superoperator } from "../superoperators/superoperator";
import { vecIndex } from "../superoperators/vectorize";
import type { OpenSystem } from "../system/open-system";
import { ELEMENT_TOLERANCE } from "./eigenbasis";
import type { PackedDynamics } from "./hermitian-packing";

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
   *
   * y must be the vec of a Hermitian matrix (every density matrix, and every Runge-Kutta stage
   * built from one): L preserves Hermiticity, so only the entries (i, j) with i <= j of L y are
   * computed and the others are their conjugates, which halves the work. For a non-Hermitian
   * operator multiply by `liouvillian` instead (`matvecInto`).
   */
  rhs(t: number, y: Float64Array, dydt: Float64Array): void;
  /**
   * The same equation on the packed upper triangle of rho (d (d + 1) doubles instead of 2 d^2,
   * see `packedDynamics`): what `evolve` integrates. Built on first access.
   */
  readonly packed: PackedDynamics;
}

/**
 * Below this fraction of nonzero entries the right-hand side multiplies a CSR copy of the
 * Liouvillian instead of the dense matrix (a sparse row costs about twice a dense entry).
 */
export const SPARSE_RHS_DENSITY = 0.4;

/**
 * The right-hand side y -> L y for Hermitian y (see `Generator.rhs`): the rows of L for the
 * entries (i, j), i <= j, in CSR form (or dense when L is not sparse, SPARSE_RHS_DENSITY), then
 * (L y)_(j,i) = conj((L y)_(i,j)). The CSR copy leaves out entries below ELEMENT_TOLERANCE
 * (1e-14) of the largest: rounding residue of the eigenbasis transforms, far below any
 * integrator tolerance. Allocation-free per call.
 */
export function liouvillianRhs(l: Superoperator): (t: number, y: Float64Array, dydt: Float64Array) => void {
  const d = l.hilbertDimension;
  const rows: number[] = [];
  for (let j = 0; j < d; j++) for (let i = 0; i <= j; i++) rows.push(vecIndex(i, j, d));
  const upper = new ComplexMatrix(rows.length, l.cols);
  rows.forEach((r, k) => {
    upper.data.set(l.data.subarray(2 * r * l.cols, 2 * (r + 1) * l.cols), 2 * k * l.cols);
  });
  const csr = toCsr(upper, ELEMENT_TOLERANCE);
  const half = new Float64Array(2 * rows.length);
  const multiply =
    csrDensity(csr) < SPARSE_RHS_DENSITY
      ? (y: Float64Array) => csrMatvecInto(half, csr, y)
      : (y: Float64Array) => matvecInto(half, upper, y);
  return (_t, y, dydt) => {
    multiply(y);
    let k = 0;
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++, k++) {
        const re = half[2 * k];
        const im = half[2 * k + 1];
        const upperIndex = 2 * (i + j * d);
        dydt[upperIndex] = re;
        dydt[upperIndex + 1] = im;
        if (i !== j) {
          const lowerIndex = 2 * (j + i * d);
          dydt[lowerIndex] = re;
          dydt[lowerIndex + 1] = -im;
        }
      }
    }
  };
}
