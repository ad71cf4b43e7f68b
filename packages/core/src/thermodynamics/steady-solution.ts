import type { ComplexMatrix } from "../linalg/complex-matrix";
import type { Approach, Generator } from "../master-equation/generator";
import type { SteadyState, SteadyStateMethod } from "../steady-state/steady-state";
import type { ThermodynamicAudit } from "./audit";
import type { ChannelCurrent } from "./heat-current";

/**
 * A steady state with its thermodynamics, however it was computed: through a master-equation
 * generator (rate equation, dense or sparse LU, GMRES) or by a model's own exact method (e.g. the Gaussian
 * covariance solver of the oscillators, which has no finite density matrix).
 */
export interface SteadySolution {
  /** The master equation solved. */
  readonly approach: Approach;
  /** How the state was found: a `steadyState` method, or "gaussian" for the covariance solver. */
  readonly method: SteadyStateMethod | "gaussian";
  /** Energies of H_S ascending; null when the Hilbert space is not truncated. */
  readonly energies: readonly number[] | null;
  /** Eigenbasis populations in the order of `energies`; null without a finite basis. */
  readonly populations: readonly number[] | null;
  /** rho in the eigenbasis of H_S; null without a finite basis. */
  readonly rhoEigen: ComplexMatrix | null;
  /** Current per bath and Bohr frequency (global) or per coupling (local); empty for redfield. */
  readonly channels: readonly ChannelCurrent[];
  /** Residual of the solve: ||L vec(rho)|| or the Lyapunov residual. */
  readonly residual: number;
  /** Currents, entropy production and the second-law and positivity verdicts. */
  readonly audit: ThermodynamicAudit;
  /** The generator used, when there is one. */
  readonly generator: Generator | null;
  /** The state from `steadyState`, when there is one. */
  readonly state: SteadyState | null;
  /** Model-specific quantities, reported as they are (e.g. mode occupations, truncation weight). */
  readonly extras?: Readonly<Record<string, unknown>>;
}
