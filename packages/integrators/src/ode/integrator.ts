import { DimensionError, ParameterError, UnknownIdError } from "@liouville/core";
import type { OdeProblem } from "./ode-problem";

// The contract every integrator in the registry meets. Integrators integrate forward in
// time (t increasing); they know nothing about quantum mechanics, only an `OdeProblem`.

/**
 * Options shared by the adaptive integrators. All are plain numbers; times are in the units
 * of the problem's `t` (with hbar = 1, the inverse of the energy unit).
 *
 * The local error of a step is accepted when its weighted RMS norm is at most 1, each
 * component `i` weighted by `atol + rtol * max(|y_i(t)|, |y_i(t + h)|)` (Hairer, Norsett &
 * Wanner, Solving ODEs I, 2nd ed., Sec. II.4, eq. (4.10)).
 */
export interface IntegratorOptions {
  /**
   * Relative tolerance of the local error, dimensionless, in [0, MAX_RTOL = 1]. Default (rk45):
   * 1e-6.
   */
  readonly rtol: number;
  /** Absolute tolerance of the local error, in units of y, >= 0. Default (rk45): 1e-8. */
  readonly atol: number;
  /**
   * Size of the first step attempted, in time units; 0 chooses it automatically (Hairer,
   * Norsett & Wanner, Sec. II.4, "Starting Step Size"). Default: 0.
   */
  readonly firstStep: number;
  /**
   * Smallest step size allowed, in time units (absolute). A step that would have to be
   * smaller fails with `IntegrationError` reason "step-size-underflow". Default: 0, which
   * leaves only the automatic floor `16 * eps * max(|t|, |h_first|)` (eps = 2^-52,
   * h_first the first step attempted), below which a step no longer moves t reliably.
   */
  readonly minStep: number;
  /** Largest step size allowed, in time units, > 0. Default: Infinity. */
  readonly maxStep: number;
  /**
   * Largest number of attempted steps (accepted plus rejected) over the lifetime of one
   * stepper, a positive integer. Exceeding it fails with `IntegrationError` reason
   * "max-steps". Default (rk45): 100000.
   */
  readonly maxSteps: number;
}

/** Counters of the work a stepper has done since it was created. */
export interface StepperStats {
  /** Accepted steps. */
  readonly steps: number;
  /** Rejected step attempts (local error above tolerance). */
  readonly rejected: number;
  /** Calls of `problem.rhs`, including those for the automatic first step. */
  readonly rhsEvaluations: number;
}

/**
 * One running integration: the state at the current time, a way to advance it by one
 * accepted step, and dense output over the last step.
 *
 * Output times are served by `interpolate`, not by shortening steps: advance with `step()`
 * until `t` passes the output time, then interpolate.
 */
export interface Stepper {
  /** Current time: the end of the last accepted step (t0 before any step). */
  readonly t: number;
  /**
   * State at `t`. A view into the stepper's buffers, valid until the next `step()`: do not
   * mutate it, copy it to keep it.
   */
  readonly y: Float64Array;
  /** Start of the last accepted step (equal to `t` before any step). */
  readonly tPrevious: number;
  /** Work counters, updated as the stepper runs. */
  readonly stats: StepperStats;
  /**
   * Take one accepted step forward. With `tBound`, the step ends at `tBound` at the latest
   * (use it for the end of the integration interval or a point where f is not smooth, not
   * for output times). `tBound` must be greater than `t`.
   *
   * @throws IntegrationError with `t` and `h` on step-size underflow, too many steps, or a
   * non-finite state or derivative.
   */
  step(tBound?: number): void;
  /**
   * Write into `out` the state at `time`, anywhere in `[tPrevious, t]`, from the method's
   * continuous extension (dense output). Exact at both ends.
   *
   * @throws ParameterError when `time` is outside `[tPrevious, t]`, DimensionError when
   * `out` is not of length `problem.size`.
   */
  interpolate(time: number, out: Float64Array): void;
}

/** An integration method as the registry sees it: a description and a stepper factory. */
export interface IntegratorFactory {
  /** Registry id, e.g. "rk45". */
  readonly id: string;
  /** Human-readable name with the reference to the method. */
  readonly title: string;
  /** Order of the solution that is propagated (5 for Dormand-Prince 5(4)). */
  readonly order: number;
  /** Frozen default options. */
  readonly defaults: Readonly<IntegratorOptions>;
  /**
   * True for a method that integrates only linear, time-independent problems (`problem.linear`),
   * such as the Krylov propagator `expm`; such a method refuses other problems.
   */
  readonly linearOnly?: boolean;
  /**
   * Start an integration of `problem` from `y0` at `t0`. `y0` is copied. Options not given
   * take the method's `defaults`; unknown option keys and invalid values are rejected.
   */
  create(problem: OdeProblem, t0: number, y0: Float64Array, options?: Partial<IntegratorOptions>): Stepper;
}

/**
 * Largest relative tolerance accepted: rtol = 1 already allows an error as large as the state
 * itself, and a larger one is a mistake (a percentage typed as 5 for 5 %, say).
 */
export const MAX_RTOL = 1;

/** The option keys every integrator accepts, in documentation order. */
export const INTEGRATOR_OPTION_KEYS: readonly (keyof IntegratorOptions)[] = Object.freeze([
  "rtol",
  "atol",
  "firstStep",
  "minStep",
  "maxStep",
  "maxSteps",
]);

/**
 * Merge user `options` over `defaults` and validate the result. An unknown key raises
 * `UnknownIdError` listing the allowed keys; a value that breaks its constraint raises
 * `ParameterError` naming the option. Keys whose value is `undefined` take the default.
 *
 * @returns a frozen, complete set of options.
 * @example
 * ```ts
 * resolveIntegratorOptions(RK45_DEFAULTS, { rtol: 1e-9 }).atol; // 1e-8
 * resolveIntegratorOptions(RK45_DEFAULTS, { rtoll: 1e-9 }); // throws UnknownIdError
 * ```
 */
export function resolveIntegratorOptions(
  defaults: Readonly<IntegratorOptions>,
  options: Partial<IntegratorOptions> = {},
): Readonly<IntegratorOptions> {
  if (typeof options !== "object" || options === null) {
    throw new ParameterError("options", "an object", options);
  }
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(options)) {
    if (!(INTEGRATOR_OPTION_KEYS as readonly string[]).includes(key)) {
      throw new UnknownIdError("integrator option", key, INTEGRATOR_OPTION_KEYS);
    }
    if (value !== undefined) merged[key] = value;
  }
  const resolved = merged as unknown as IntegratorOptions;
  for (const key of INTEGRATOR_OPTION_KEYS) {
    if (typeof resolved[key] !== "number" || Number.isNaN(resolved[key])) {
      throw new ParameterError(key, "a number", resolved[key]);
    }
  }
  const { rtol, atol, firstStep, minStep, maxStep, maxSteps } = resolved;
  requireFiniteNonNegative("rtol", rtol);
  requireFiniteNonNegative("atol", atol);
  if (rtol > MAX_RTOL) {
    throw new ParameterError("rtol", `<= ${MAX_RTOL} (a relative error of 100 %)`, rtol);
  }
  if (rtol === 0 && atol === 0) {
    throw new ParameterError("rtol and atol", "not both 0 (no error tolerance at all)");
  }
  requireFiniteNonNegative("firstStep", firstStep);
  requireFiniteNonNegative("minStep", minStep);
  if (!(maxStep > 0)) throw new ParameterError("maxStep", "> 0 (Infinity allowed)", maxStep);
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 1) {
    throw new ParameterError("maxSteps", "a positive integer", maxSteps);
  }
  if (minStep > maxStep) throw new ParameterError("minStep", `<= maxStep = ${maxStep}`, minStep);
  if (firstStep !== 0 && (firstStep < minStep || firstStep > maxStep)) {
    throw new ParameterError(
      "firstStep",
      `0 (automatic) or in [minStep, maxStep] = [${minStep}, ${maxStep}]`,
      firstStep,
    );
  }
  return Object.freeze({ rtol, atol, firstStep, minStep, maxStep, maxSteps });
}

/**
 * Check the arguments of `IntegratorFactory.create` that do not depend on the method: a
 * positive integer `problem.size`, a callable `rhs`, `problem.rhsFlops` finite and >= 0 when
 * given, a finite `t0`, and a finite `y0` of length `problem.size`.
 */
export function validateInitialValue(problem: OdeProblem, t0: number, y0: Float64Array): void {
  if (!Number.isSafeInteger(problem.size) || problem.size < 1) {
    throw new ParameterError("problem.size", "a positive integer", problem.size);
  }
  if (typeof problem.rhs !== "function") throw new ParameterError("problem.rhs", "a function", problem.rhs);
  const flops = problem.rhsFlops;
  if (flops !== undefined && !(typeof flops === "number" && Number.isFinite(flops) && flops >= 0)) {
    throw new ParameterError("problem.rhsFlops", "a finite number >= 0 (flops of one rhs call)", flops);
  }
  if (!Number.isFinite(t0)) throw new ParameterError("t0", "a finite number", t0);
  if (!(y0 instanceof Float64Array)) throw new ParameterError("y0", "a Float64Array", y0);
  if (y0.length !== problem.size) {
    throw new DimensionError("y0", `length ${problem.size} (problem.size)`, `length ${y0.length}`);
  }
  for (let i = 0; i < y0.length; i++) {
    if (!Number.isFinite(y0[i])) throw new ParameterError(`y0[${i}]`, "finite", y0[i]);
  }
}

function requireFiniteNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new ParameterError(name, "finite and >= 0", value);
}
