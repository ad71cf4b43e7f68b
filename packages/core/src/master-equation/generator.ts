import { ComplexMatrix } from "../linalg/complex-matrix";
import type { CsrMatrix } from "../linalg/csr";
import type { HermitianEigen } from "../linalg/hermitian-eigen";
import type { LiouvilleOperator, Representation } from "../superoperators/liouville-operator";
import { MatrixFreeSuperoperator } from "../superoperators/matrix-free-superoperator";
import { dissipatorTerms, hamiltonianTerms, type SandwichTerm } from "../superoperators/sandwich-terms";
import type { JumpOperator } from "../superoperators/superoperator";
import type { OpenSystem } from "../system/open-system";
import type { PackedDynamics } from "./hermitian-packing";

/** The master-equation approaches: local Lindblad, global (Davies) secular, full Redfield. */
export type Approach = "local" | "global" | "redfield";
/** Every `Approach`, in the order local, global, redfield. */
export const APPROACHES: readonly Approach[] = Object.freeze(["local", "global", "redfield"]);

/**
 * A jump operator given both in the original basis (`operator`) and in the eigenbasis of H_S
 * (`eigenCsr`, sparse). For `global` the eigenbasis form is the one stored (a Bohr component has
 * few nonzeros there) and `operator` is made on first access (a d^3 change of basis); for `local`
 * it is the other way round.
 */
export interface Jump extends JumpOperator {
  /** The same operator in the eigenbasis of H_S, V^dagger L V, in CSR form (exact zeros left out). */
  readonly eigenCsr: CsrMatrix;
}

/**
 * One dissipative channel: part of one bath's dissipator. For `global` it is one Bohr frequency
 * (the jumps that exchange a quantum `omega` with the bath, down and up); for `local` one
 * coupling at its local frequency; for `redfield` the bath's whole kernel (no jumps).
 */
export interface Channel {
  /** Name of the bath the channel belongs to. */
  readonly bath: string;
  /** Bohr frequency (global), local frequency (local), or null (redfield: all frequencies). */
  readonly omega: number | null;
  /** Lindblad jumps of this channel; empty for a channel not in Lindblad form (redfield). */
  readonly jumps: readonly Jump[];
  /** The channel's dissipator as sandwich terms X -> c A X B in the original basis. */
  readonly terms: readonly SandwichTerm[];
  /**
   * The channel's dissipator as a matrix-free Liouville-space operator (call `toDense()` or
   * `toCsr()` on it for a stored form). Built on first access.
   */
  readonly superoperator: LiouvilleOperator;
}

/**
 * A channel from its terms (or a function that makes them on first access); its matrix-free
 * operator is built on first access too.
 */
export function termChannel(
  bath: string,
  omega: number | null,
  jumps: readonly Jump[],
  terms: readonly SandwichTerm[] | (() => readonly SandwichTerm[]),
  dimension: number,
): Channel {
  let cachedTerms = typeof terms === "function" ? undefined : terms;
  const makeTerms = typeof terms === "function" ? terms : () => terms;
  let cached: LiouvilleOperator | undefined;
  return {
    bath,
    omega,
    jumps,
    get terms() {
      cachedTerms ??= makeTerms();
      return cachedTerms;
    },
    get superoperator() {
      cachedTerms ??= makeTerms();
      cached ??= new MatrixFreeSuperoperator(dimension, cachedTerms);
      return cached;
    },
  };
}

/** A Lindblad channel sum_k rate_k D[L_k]. */
export function lindbladChannel(
  bath: string,
  omega: number | null,
  jumps: readonly Jump[],
  dimension: number,
): Channel {
  return termChannel(
    bath,
    omega,
    jumps,
    () => jumps.flatMap((j) => dissipatorTerms(j.operator, j.rate)),
    dimension,
  );
}

/**
 * The terms of a Lindblad generator in the eigenbasis of H_S: -i[diag(E), .] and every jump's
 * eigenbasis form, with CSR factors. For `global` these are sparse (each jump joins levels one
 * Bohr frequency apart), so they are the cheap way to apply the generator, while the
 * original-basis operators cost a d^3 basis change each. Cached per generator.
 */
export function eigenbasisTerms(generator: Generator): readonly SandwichTerm[] {
  let terms = eigenTermsCache.get(generator);
  if (!terms) {
    terms = [...hamiltonianTerms(ComplexMatrix.diagonal(Array.from(generator.eigen.values)))];
    for (const ch of generator.channels) terms.push(...channelEigenTerms(ch));
    eigenTermsCache.set(generator, terms);
  }
  return terms;
}
const eigenTermsCache = new WeakMap<Generator, SandwichTerm[]>();

/** The terms of one channel in the eigenbasis of H_S (Lindblad channels only, CSR factors), cached per channel. */
export function channelEigenTerms(channel: Channel): readonly SandwichTerm[] {
  let terms = channelTermsCache.get(channel);
  if (!terms) {
    terms = channel.jumps.flatMap((j) => dissipatorTerms(j.eigenCsr, j.rate));
    channelTermsCache.set(channel, terms);
  }
  return terms;
}
const channelTermsCache = new WeakMap<Channel, SandwichTerm[]>();

/**
 * A master-equation generator d vec(rho)/dt = L vec(rho), built by `buildGenerator`.
 * Everything is in the original basis of the system unless the name says eigen.
 */
export interface Generator {
  /** The master equation this generator implements. */
  readonly approach: Approach;
  /** The open system it was built from. */
  readonly system: OpenSystem;
  /** Hilbert-space dimension d; vectors of Liouville space have d^2 complex entries. */
  readonly dimension: number;
  /**
   * Eigen-decomposition of H_S (energies ascending), computed on first access (block by block
   * when the system has a charge). `global` and `redfield` need it to build; `local` only for
   * eigenbasis outputs (populations, the rate-equation path).
   */
  readonly eigen: HermitianEigen;
  /** Relative tolerance for grouping Bohr frequencies and degenerate levels (`GeneratorOptions`). */
  readonly bohrTolerance: number;
  /** How `liouvillian` is stored (the size policy of `buildGenerator`). */
  readonly representation: Representation;
  /** The memory limit in bytes that the representation and the solvers respect. */
  readonly memoryLimit: number;
  /** The total generator, Hamiltonian part included, in `representation` (built on first access). */
  readonly liouvillian: LiouvilleOperator;
  /** The total generator as sandwich terms: the Hamiltonian part, then each bath's. */
  readonly terms: readonly SandwichTerm[];
  /** One dissipator per bath, in the order of `system.baths`, as matrix-free operators. */
  readonly bathDissipators: ReadonlyMap<string, LiouvilleOperator>;
  /** The channels, grouped by bath and (for global) Bohr frequency. */
  readonly channels: readonly Channel[];
  /** True when every channel is in Lindblad form (local, global): the generator is then CPTP. */
  readonly lindbladForm: boolean;
  /**
   * The right-hand side for ODE integrators: dydt = L y, with y = vec(rho) as an interleaved
   * complex vector of length 2 d^2 (column stacking). Allocation-free.
   *
   * y must be the vec of a Hermitian matrix (every density matrix, and every Runge-Kutta stage
   * built from one): L preserves Hermiticity, so for stored representations only the entries
   * (i, j) with i <= j of L y are computed and the others are their conjugates, which halves the
   * work. For a non-Hermitian operator use `liouvillian.applyInto`.
   */
  rhs(t: number, y: Float64Array, dydt: Float64Array): void;
  /**
   * The same equation on the packed upper triangle of rho (d (d + 1) doubles instead of 2 d^2,
   * see `packedDynamics`): what `evolve` integrates when no symmetry sector holds the initial
   * state (`evolutionDynamics`). Built on first access.
   */
  readonly packed: PackedDynamics;
}
