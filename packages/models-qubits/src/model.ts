import type { Approach, OpenSystem, Operator, SteadySolution } from "@liouville/core";
import type { ParameterSpec, ParamValues } from "./parameters";

/** Options of `steadyReport` and `Model.solveSteady` that are not physics parameters. */
export interface SteadyOptions {
  /**
   * Accept a truncated Fock-space steady state even when its weight on the top level exceeds the
   * model's threshold (the weight is still reported). Default false: such a state is refused
   * with a NumericalError("truncation") naming `nmax` and a cutoff that would do.
   */
  readonly allowTruncation: boolean;
  /** Progress of a long solve (the stage, and the fraction done where known); see `steadyState`. */
  readonly onProgress?: (stage: string, fraction?: number) => void;
}

/** The options `steadyReport` uses for those not given. */
export const STEADY_OPTIONS_DEFAULTS: Readonly<SteadyOptions> = Object.freeze({ allowTruncation: false });

/** One channel of a closed-form current: bath, Bohr frequency and current (eqs. (3.52)-(3.57)). */
export interface AnalyticChannel {
  /** Name of the bath. */
  readonly bath: string;
  /** The channel's Bohr frequency. */
  readonly omega: number;
  /** The channel's heat current into the system. */
  readonly current: number;
}

/** The paper's closed forms for a model at given parameters. */
export interface Analytic {
  /** Which approach the closed forms describe (they hold for the global generator). */
  readonly approach: Approach;
  /** Energies of H_S, ascending. */
  readonly energies: readonly number[];
  /** Steady populations of the energy eigenstates, in the order of `energies`. */
  readonly populations: readonly number[];
  /** Heat currents J_X into the system, by bath. */
  readonly currents: Readonly<Record<string, number>>;
  /** Currents per bath and Bohr frequency, where the model has them. */
  readonly channels?: readonly AnalyticChannel[];
  /** Noise of each bath's heat current, Var(Q_X)/t at long times, where the model has it in closed form. */
  readonly noise?: Readonly<Record<string, number>>;
  /**
   * The scaled cumulant generating function theta_X(s) = lim (1/t) ln <e^{s Q_X}> of each bath's
   * heat, where the model has it in closed form (s real; theta(chi) at chi = -i s). Not part of
   * the CLI's JSON.
   */
  readonly scgf?: Readonly<Record<string, (s: number) => number>>;
  /** Which equations of Fogedby (arXiv:2301.13544) these come from. */
  readonly source: string;
}

/**
 * A self-describing model (docs/conventions.md section 3): parameters with defaults and constraints, a
 * builder of the open system, an initial state, and optional closed forms.
 */
export interface Model {
  /** Registry id, also the CLI's model argument (e.g. "coupled-qubits"). */
  readonly id: string;
  /** One-line title. */
  readonly title: string;
  /** A few sentences on the model and its parameters. */
  readonly description: string;
  /** The model's parameters, with defaults and constraints. */
  readonly parameters: readonly ParameterSpec[];
  /** Approaches this model supports; the first is the default. */
  readonly approaches: readonly Approach[];
  /** Check cross-parameter constraints (e.g. lambda < sqrt(omega1 omega2)); throw ParameterError. */
  validate(params: ParamValues): void;
  /** The open system (Hamiltonian and baths) at the given, resolved parameters. */
  build(params: ParamValues): OpenSystem;
  /** A default initial state for time evolution (the ground state of H_S unless said otherwise). */
  initialState(params: ParamValues): Operator;
  /**
   * Optional own steady-state method (e.g. the exact Gaussian solver for quadratic bosonic
   * models). Return null to use the default: build the generator and call `steadyState`.
   * Throw ParameterError when the approach cannot run at these parameters (the reason is shown).
   * `options` (e.g. `allowTruncation`) come from `steadyReport`; a model may ignore them.
   */
  solveSteady?(params: ParamValues, approach: Approach, options?: SteadyOptions): SteadySolution | null;
  /**
   * Optional check before a time evolution: throw when the model's finite basis cannot hold the
   * state the evolution relaxes to (a Fock cutoff that truncates the steady state) unless
   * `options.allowTruncation`, as `solveSteady` does. It must not solve the model.
   */
  checkEvolution?(
    params: ParamValues,
    approach: Approach,
    options?: Pick<SteadyOptions, "allowTruncation">,
  ): void;
  /**
   * Closed forms for the given approach, or null where none applies (the reason is in the
   * model's docs).
   */
  analytic?(params: ParamValues, approach: Approach): Analytic | null;
}
