import { ParameterError } from "@liouville/core";
import type { IntegratorOptions, StepperStats } from "./integrator";
import type { OdeProblem } from "./ode-problem";
import { getIntegrator } from "./registry";

/** Options of `integrate`: the integrator's options plus the choice of integrator. */
export interface IntegrateOptions extends Partial<IntegratorOptions> {
  /** Registry id of the integrator. Default: "rk45". */
  readonly method?: string;
}

/** What `integrate` returns. */
export interface IntegrateResult {
  /** The requested output times (a copy). */
  readonly times: number[];
  /** `states[j]` is the state at `times[j]`, a fresh array of length `problem.size`. */
  readonly states: Float64Array[];
  /** Work done (a snapshot at the end). */
  readonly stats: StepperStats;
}

/**
 * Solve `dy/dt = f(t, y)`, `y(t0) = y0`, and return the state at each of `times`.
 *
 * The integrator steps freely and serves the output times from its dense output, so many
 * closely spaced output times cost no extra steps; the last step ends exactly at the last
 * output time (f is never evaluated beyond it). Output times equal to a step end or to t0
 * are returned exactly.
 *
 * @param times strictly increasing, finite, all >= t0 (integration runs forward in time).
 * @throws ParameterError for bad `times`, UnknownIdError for an unknown `method` or option
 * key, IntegrationError when the integrator fails (with t and h).
 * @example
 * ```ts
 * const decay = { size: 1, rhs: (_t: number, y: Float64Array, dydt: Float64Array) => { dydt[0] = -y[0]; } };
 * const { states } = integrate(decay, 0, Float64Array.of(1), [0.5, 1], { rtol: 1e-10, atol: 1e-12 });
 * states[1][0]; // 0.36787944117... = exp(-1)
 * ```
 */
export function integrate(
  problem: OdeProblem,
  t0: number,
  y0: Float64Array,
  times: readonly number[],
  options: IntegrateOptions = {},
): IntegrateResult {
  const { method = "rk45", ...integratorOptions } = options;
  const factory = getIntegrator(method);
  validateTimes(t0, times);
  const stepper = factory.create(problem, t0, y0, integratorOptions);
  const states: Float64Array[] = [];
  const tEnd = times[times.length - 1];
  for (const time of times) {
    while (stepper.t < time) stepper.step(tEnd);
    const state = new Float64Array(problem.size);
    if (time === stepper.t) state.set(stepper.y);
    else stepper.interpolate(time, state);
    states.push(state);
  }
  return { times: [...times], states, stats: { ...stepper.stats } };
}

function validateTimes(t0: number, times: readonly number[]): void {
  if (!Array.isArray(times)) throw new ParameterError("times", "an array of numbers", times);
  for (let j = 0; j < times.length; j++) {
    const time = times[j];
    if (typeof time !== "number" || !Number.isFinite(time)) {
      throw new ParameterError(`times[${j}]`, "a finite number", time);
    }
    if (j === 0 ? time < t0 : time <= times[j - 1]) {
      throw new ParameterError(
        `times[${j}]`,
        j === 0 ? `>= t0 = ${t0}` : `> times[${j - 1}] = ${times[j - 1]} (strictly increasing)`,
        time,
      );
    }
  }
}
