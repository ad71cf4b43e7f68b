import { type ComplexMatrix, DimensionError, ParameterError, UnknownIdError } from "@liouville/core";
import type { SchedulerLike } from "rxjs";
import { INTEGRATOR_OPTION_KEYS, type IntegratorOptions } from "../ode/integrator";

// The options of `evolve`: which integrator, when to emit samples, when to stop, and what to
// compute per sample. Validated once at the call of `evolve`, before anything is integrated.

/** An element of a matrix or an expectation value, as plain numbers (JSON-friendly). */
export interface ComplexValue {
  /** Real part. */
  readonly re: number;
  /** Imaginary part. */
  readonly im: number;
}

/**
 * Options of `evolve`. Times are in the units of the generator (hbar = 1: the inverse of the
 * energy unit). Exactly one output schedule applies: `times`, `every`, or `steps` (the
 * default when neither `times` nor `every` is given).
 *
 * The integrator's own options (rtol, atol, firstStep, minStep, maxStep, maxSteps; see
 * `IntegratorOptions`) may be given here too; they default to the chosen method's defaults.
 */
export interface EvolveOptions extends IntegratorOptions {
  /** Registry id of the integrator. Default: "rk45". */
  readonly method: string;
  /** Initial time of rho0. Default: 0. */
  readonly t0: number;
  /**
   * Explicit output times, strictly increasing, all >= t0. The stream completes after the
   * last one (or earlier when relaxed). Excludes `every`, `steps`, `tEnd`, `maxTime`. Default:
   * undefined.
   */
  readonly times: readonly number[] | undefined;
  /**
   * Output interval dt > 0: samples at t0 + k dt (computed as a product, so no drift), and at
   * `tEnd` itself when it is not on that grid. There is no bound on the number of samples: they are
   * streamed, so a consumer takes as many as it wants (`take(3)`). t0 + dt must differ from t0 in
   * double precision, and a stream whose t0 + k dt stops advancing (dt below the spacing of doubles near
   * t) fails with ParameterError("every"). Default: undefined.
   */
  readonly every: number | undefined;
  /**
   * Emit a sample at t0 and after every accepted step of the integrator (the integrator's
   * natural resolution; the step sizes are its own). Default: true unless `times` or `every`
   * is given.
   */
  readonly steps: boolean;
  /**
   * Last time of the stream (> t0): the integration ends exactly there (f is never evaluated
   * beyond it) with a last sample, and the stream completes. Default: undefined, an open-ended
   * stream that ends on relaxation (`relaxationTolerance`), at `maxTime`, or when the
   * subscriber unsubscribes (e.g. `take(k)` or `untilRelaxed` downstream).
   */
  readonly tEnd: number | undefined;
  /**
   * Complete the stream after the first sample whose residual ||L vec(rho)||_2 is below this
   * tolerance (see `relaxationResidual`), in units of rho per unit time, > 0. Keep it above the
   * integrator's noise floor (Notes of `relaxationResidual`): a residual that stops falling near
   * that floor ends the stream with NumericalError("not-converged") giving the residual reached
   * and what to change (see `RelaxationMonitor`). The `expm` integrator's floor is far lower.
   * Default: undefined.
   */
  readonly relaxationTolerance: number | undefined;
  /**
   * Safety bound of an open-ended stream (no `tEnd`, no `times`): the sample at maxTime is
   * emitted, then the stream fails with NumericalError("not-converged"), so that a relaxation
   * that does not happen is reported instead of running on. Default: Infinity (no bound other
   * than the integrator's maxSteps).
   */
  readonly maxTime: number;
  /** Populations of the energy eigenstates (energies ascending) per sample. Default: true. */
  readonly populations: boolean;
  /** Heat current J_X = Tr[H_S D_X(rho)] of every bath per sample. Default: true. */
  readonly currents: boolean;
  /** The residual ||L vec(rho)||_2 per sample. Default: false (true with relaxationTolerance). */
  readonly residual: boolean;
  /** Expectation values Tr[A rho] of named d x d operators, per sample. Default: {} (none). */
  readonly expect: Readonly<Record<string, ComplexMatrix>>;
  /**
   * Matrix elements (V^dagger rho V)_{ij} in the eigenbasis of H_S, zero-based [i, j]: the
   * paper's rho_23 is [1, 2]. Default: [] (none).
   */
  readonly elements: readonly (readonly [number, number])[];
  /**
   * Produce samples from this rxjs scheduler instead of synchronously at subscription. Each
   * scheduled action computes samples for about SCHEDULED_SLICE_MS of wall time and then
   * reschedules itself, so that with `asyncScheduler` the event loop runs between slices (a
   * CLI notices a closed pipe) at the cost of one timer tick per slice. Default: undefined.
   */
  readonly scheduler: SchedulerLike | undefined;
}

/** The options that belong to `evolve` itself (not to the integrator). */
export type EvolveOwnOptions = Omit<EvolveOptions, keyof IntegratorOptions>;

/** Defaults of the options that belong to `evolve` itself (frozen). */
export const EVOLVE_DEFAULTS: Readonly<EvolveOwnOptions> = Object.freeze({
  method: "rk45",
  t0: 0,
  times: undefined,
  every: undefined,
  steps: true,
  tEnd: undefined,
  relaxationTolerance: undefined,
  maxTime: Number.POSITIVE_INFINITY,
  populations: true,
  currents: true,
  residual: false,
  expect: Object.freeze({}),
  elements: Object.freeze([]),
  scheduler: undefined,
});

/** Wall time in milliseconds that one scheduled action spends computing samples. */
export const SCHEDULED_SLICE_MS = 10;

/** Every key `evolve` accepts: its own, then the integrator's. */
export const EVOLVE_OPTION_KEYS: readonly string[] = Object.freeze([
  ...Object.keys(EVOLVE_DEFAULTS),
  ...INTEGRATOR_OPTION_KEYS,
]);

/** The output schedule after validation. */
export type OutputSchedule =
  | { readonly kind: "times"; readonly times: readonly number[] }
  | { readonly kind: "every"; readonly every: number }
  | { readonly kind: "steps" };

/** Options of `evolve` after validation, split by purpose. */
export interface ResolvedEvolveOptions {
  readonly method: string;
  readonly integrator: Partial<IntegratorOptions>;
  readonly t0: number;
  readonly schedule: OutputSchedule;
  /** Where the stream ends: `tEnd`, the last of `times`, or `maxTime` (may be Infinity). */
  readonly end: number;
  /** True when reaching `end` is a failure (it is `maxTime`, not `tEnd` or the last time). */
  readonly endIsFailure: boolean;
  readonly relaxationTolerance: number | undefined;
  readonly populations: boolean;
  readonly currents: boolean;
  readonly residual: boolean;
  readonly expect: readonly (readonly [string, ComplexMatrix])[];
  readonly elements: readonly (readonly [number, number])[];
  readonly scheduler: SchedulerLike | undefined;
}

/**
 * Validate `options` for a system of Hilbert dimension `d`. Unknown keys raise UnknownIdError
 * listing the allowed ones; bad values raise ParameterError or DimensionError naming the option.
 * Integrator options are checked by the integrator itself (see `resolveIntegratorOptions`).
 */
export function resolveEvolveOptions(options: Partial<EvolveOptions>, d: number): ResolvedEvolveOptions {
  if (typeof options !== "object" || options === null) {
    throw new ParameterError("options", "an object", options);
  }
  const integrator: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!EVOLVE_OPTION_KEYS.includes(key)) throw new UnknownIdError("evolve option", key, EVOLVE_OPTION_KEYS);
    if ((INTEGRATOR_OPTION_KEYS as readonly string[]).includes(key)) integrator[key] = value;
  }
  const o: EvolveOwnOptions = { ...EVOLVE_DEFAULTS, ...withoutUndefined(options) };
  if (typeof o.method !== "string") throw new ParameterError("method", "an integrator id (string)", o.method);
  requireFinite("t0", o.t0);
  const given = [options.times !== undefined, options.every !== undefined, options.steps === true];
  if (given.filter(Boolean).length > 1) {
    throw new ParameterError("times, every, steps", "one output schedule at a time");
  }
  if (options.steps === false && !given[0] && !given[1]) {
    throw new ParameterError("steps", "true, or give `times` or `every` instead");
  }
  let schedule: OutputSchedule;
  let end = o.tEnd ?? o.maxTime;
  let endIsFailure = o.tEnd === undefined && o.maxTime !== Number.POSITIVE_INFINITY;
  if (o.tEnd !== undefined) {
    requireFinite("tEnd", o.tEnd);
    if (!(o.tEnd > o.t0)) throw new ParameterError("tEnd", `> t0 = ${o.t0}`, o.tEnd);
    if (options.maxTime !== undefined)
      throw new ParameterError("maxTime", "not with tEnd (tEnd ends the stream)");
  }
  if (!(o.maxTime > o.t0))
    throw new ParameterError("maxTime", `> t0 = ${o.t0} (Infinity allowed)`, o.maxTime);
  if (o.times !== undefined) {
    validateTimes(o.t0, o.times);
    if (o.tEnd !== undefined || options.maxTime !== undefined) {
      throw new ParameterError("tEnd, maxTime", "not with `times` (the last time ends the stream)");
    }
    schedule = { kind: "times", times: Object.freeze([...o.times]) };
    end = o.times.length > 0 ? o.times[o.times.length - 1] : o.t0;
    endIsFailure = false;
  } else if (o.every !== undefined) {
    if (!(typeof o.every === "number" && Number.isFinite(o.every) && o.every > 0)) {
      throw new ParameterError("every", "a finite number > 0", o.every);
    }
    schedule = { kind: "every", every: o.every };
    validateEvery(o.t0, o.every);
  } else {
    schedule = { kind: "steps" };
  }
  const tol = o.relaxationTolerance;
  if (tol !== undefined && !(typeof tol === "number" && Number.isFinite(tol) && tol > 0)) {
    throw new ParameterError("relaxationTolerance", "a finite number > 0", tol);
  }
  for (const key of ["populations", "currents", "residual"] as const) {
    if (typeof o[key] !== "boolean") throw new ParameterError(key, "true or false", o[key]);
  }
  return Object.freeze({
    method: o.method,
    integrator: integrator as Partial<IntegratorOptions>,
    t0: o.t0,
    schedule,
    end,
    endIsFailure,
    relaxationTolerance: tol,
    populations: o.populations,
    currents: o.currents,
    residual: o.residual || tol !== undefined,
    expect: validateExpect(o.expect, d),
    elements: validateElements(o.elements, d),
    scheduler: validateScheduler(o.scheduler),
  });
}

function withoutUndefined(options: Partial<EvolveOptions>): Partial<EvolveOwnOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

function requireFinite(name: string, value: unknown): void {
  if (!(typeof value === "number" && Number.isFinite(value))) {
    throw new ParameterError(name, "a finite number", value);
  }
}

/** An `every` schedule must move t0. */
function validateEvery(t0: number, every: number): void {
  if (t0 + every === t0) {
    throw new ParameterError("every", `large enough that t0 + every > t0 = ${t0} in double precision`, every);
  }
}

function validateTimes(t0: number, times: readonly number[]): void {
  if (!Array.isArray(times)) throw new ParameterError("times", "an array of numbers", times);
  for (let j = 0; j < times.length; j++) {
    requireFinite(`times[${j}]`, times[j]);
    if (j === 0 ? times[j] < t0 : times[j] <= times[j - 1]) {
      throw new ParameterError(
        `times[${j}]`,
        j === 0 ? `>= t0 = ${t0}` : `> times[${j - 1}] = ${times[j - 1]} (strictly increasing)`,
        times[j],
      );
    }
  }
}

function validateExpect(
  expect: Readonly<Record<string, ComplexMatrix>>,
  d: number,
): readonly (readonly [string, ComplexMatrix])[] {
  if (typeof expect !== "object" || expect === null) {
    throw new ParameterError("expect", "a record of name -> operator", expect);
  }
  return Object.freeze(
    Object.entries(expect).map(([name, op]) => {
      const where = `expect.${name}`;
      if (!(op && typeof op === "object" && op.data instanceof Float64Array)) {
        throw new ParameterError(where, "a d x d operator (ComplexMatrix)", op);
      }
      if (op.rows !== d || op.cols !== d) {
        throw new DimensionError(where, `${d}x${d} (the system's)`, `${op.rows}x${op.cols}`);
      }
      for (let k = 0; k < op.data.length; k++) {
        if (!Number.isFinite(op.data[k])) throw new ParameterError(where, "made of finite numbers");
      }
      return Object.freeze([name, op] as const);
    }),
  );
}

function validateElements(
  elements: readonly (readonly [number, number])[],
  d: number,
): readonly (readonly [number, number])[] {
  if (!Array.isArray(elements)) throw new ParameterError("elements", "an array of [i, j] pairs", elements);
  return Object.freeze(
    elements.map((pair, k) => {
      const ok =
        Array.isArray(pair) && pair.length === 2 && pair.every((i) => Number.isInteger(i) && i >= 0 && i < d);
      if (!ok) {
        throw new ParameterError(
          `elements[${k}]`,
          `a pair [i, j] of integers in [0, ${d - 1}]`,
          String(pair),
        );
      }
      return Object.freeze([pair[0], pair[1]] as const);
    }),
  );
}

function validateScheduler(scheduler: SchedulerLike | undefined): SchedulerLike | undefined {
  if (scheduler !== undefined && typeof scheduler?.schedule !== "function") {
    throw new ParameterError("scheduler", "an rxjs SchedulerLike", scheduler);
  }
  return scheduler;
}
