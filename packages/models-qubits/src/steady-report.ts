import {
  type Approach,
  auditSteadyState,
  buildGenerator,
  type ChannelCurrent,
  type ComplexMatrix,
  channelCurrents,
  FIRST_LAW_TOLERANCE,
  type Generator,
  NumericalError,
  type OpenSystem,
  ParameterError,
  type SteadyState,
  type SteadyStateMethod,
  steadyState,
  type ThermodynamicAudit,
  UnknownIdError,
} from "@liouville/core";
import type { Analytic, Model } from "./model";
import { modelParameters, type ParamValues } from "./parameters";

/**
 * A steady state with its thermodynamics, however it was computed: through a master-equation
 * generator (rate equation or dense solve) or by a model's own exact method (e.g. the Gaussian
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

/** Everything `liouville steady` reports about one model at one parameter set. */
export interface SteadyReport extends SteadySolution {
  /** The model's id. */
  readonly model: string;
  /** The resolved parameters (defaults filled in). */
  readonly params: ParamValues;
  /** The paper's closed forms at these parameters, or null where the model has none for this approach. */
  readonly analytic: Analytic | null;
}

/** Solve an open system through its master-equation generator and audit the result. */
export function solveWithGenerator(
  system: OpenSystem,
  approach: Approach,
  onProgress?: (stage: string, fraction?: number) => void,
): SteadySolution {
  const generator = buildGenerator(system, { approach });
  const state = steadyState(generator, onProgress ? { onProgress } : {});
  return {
    approach,
    method: state.method,
    energies: Array.from(generator.eigen.values),
    populations: Array.from(state.populations),
    rhoEigen: state.rhoEigen,
    channels: approach === "redfield" ? [] : channelCurrents(generator, state),
    residual: state.residual,
    audit: auditSteadyState(generator, state),
    generator,
    state,
  };
}

/**
 * Refuse a solution whose numbers cannot be trusted: a non-finite current or residual, or an
 * entropy production that is NaN (NumericalError "non-finite"), or currents that break the first law by more than
 * the audit allows (NumericalError "inaccurate"; see FIRST_LAW_TOLERANCE): some current then
 * carries an error comparable to the currents, typically because the rates span so many orders
 * of magnitude that a current is the small difference of huge in- and out-flows.
 */
export function assertAccurate(solution: SteadySolution): void {
  const a = solution.audit;
  for (const [bath, j] of Object.entries(a.currents)) {
    if (!Number.isFinite(j))
      throw new NumericalError("non-finite", `the heat current of bath ${bath} is ${j}`);
  }
  // An infinite entropy production is a value (a current into a bath at T = 0); NaN is not.
  if (Number.isNaN(a.entropyProduction) || !Number.isFinite(solution.residual)) {
    throw new NumericalError(
      "non-finite",
      `the steady state has an undefined entropy production (${a.entropyProduction}) or a non-finite residual (${solution.residual})`,
    );
  }
  if (a.firstLaw === "violated") {
    const gross = Object.values(a.currents).reduce((s, j) => s + Math.abs(j), 0);
    throw new NumericalError(
      "inaccurate",
      `the heat currents (${Object.entries(a.currents)
        .map(([b, j]) => `${b}: ${j.toExponential(3)}`)
        .join(", ")}) break the first law: their sum ${a.firstLawResidual.toExponential(2)} is ` +
        `${(Math.abs(a.firstLawResidual) / gross).toExponential(1)} of sum |J| (tolerance ` +
        `${FIRST_LAW_TOLERANCE.toExponential(0)}), so they are not accurate; the rates of the baths ` +
        `probably span too many orders of magnitude (a hot bath against a cold one) for double precision`,
    );
  }
}

/**
 * Resolve the parameters, solve the steady state under `approach` (default: the model's first),
 * audit its thermodynamics and attach the closed forms where the model has them. `options` go to
 * the model's own solver (`STEADY_OPTIONS_DEFAULTS`; unknown keys raise UnknownIdError).
 * @example steadyReport(getModel("single-qubit"), { TA: 2, TB: 1 }).audit.currents.A
 */
export function steadyReport(
  model: Model,
  input: Readonly<Record<string, unknown>> = {},
  approach?: Approach,
  options: Partial<SteadyOptions> = {},
): SteadyReport {
  const allowed = [...Object.keys(STEADY_OPTIONS_DEFAULTS), "onProgress"];
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new UnknownIdError("steady option", key, allowed);
  }
  const opts: SteadyOptions = { ...STEADY_OPTIONS_DEFAULTS, ...options };
  const chosen = approach ?? model.approaches[0];
  if (!model.approaches.includes(chosen)) {
    throw new ParameterError("approach", `one of ${model.approaches.join(", ")} for ${model.id}`, chosen);
  }
  const params = modelParameters(model, input);
  const solution =
    model.solveSteady?.(params, chosen, opts) ??
    solveWithGenerator(model.build(params), chosen, opts.onProgress);
  assertAccurate(solution);
  return { ...solution, model: model.id, params, analytic: model.analytic?.(params, chosen) ?? null };
}
