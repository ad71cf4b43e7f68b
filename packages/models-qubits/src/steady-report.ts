import {
  type Approach,
  auditSteadyState,
  buildGenerator,
  channelCurrents,
  FIRST_LAW_TOLERANCE,
  NumericalError,
  type OpenSystem,
  ParameterError,
  type SteadySolution,
  steadyState,
  UnknownIdError,
} from "@liouville/core";
import { type Analytic, type Model, STEADY_OPTIONS_DEFAULTS, type SteadyOptions } from "./model";
import { modelParameters, type ParamValues } from "./parameters";

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
