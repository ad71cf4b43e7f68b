import { IntegrationError, ParameterError } from "@liouville/core";
import { describe, expect, test } from "vitest";
import {
  harmonicOscillator,
  maxAbsDifference,
  randomStableLinearSystem,
} from "../../test-support/ode-test-systems";
import { integrate } from "../integrate";
import type { OdeProblem } from "../ode-problem";
import { DOP853_DEFAULTS, DOP853_STEP_CONTROLLER, dop853 } from "./dop853";

// Properties specific to DOP853; the contract test covers the rest (accuracy, output times,
// convergence at order 8, error paths).

/** Local errors at h and h/2 differ by 2^8 for the 7th-order interpolant, 2^9 for y1. */
const LOCAL_ORDER_SLACK = 0.3;

/** Evaluations of f: 12 per accepted step, 11 per rejected one (f(t + h, y1) only on acceptance). */
const evaluationsOfSteps = (steps: number, rejected: number) => 12 * steps + 11 * rejected;

describe("dop853", () => {
  test("uses 12 evaluations per accepted and 11 per rejected step, plus 2 to start (automatic first step)", () => {
    // The random system at rtol 1e-10 rejects a few steps.
    const { problem, t0, y0, tEnd } = randomStableLinearSystem();
    const stepper = dop853.create(problem, t0, y0, { rtol: 1e-10, atol: 1e-12 });
    while (stepper.t < tEnd) stepper.step();
    const { steps, rejected, rhsEvaluations } = stepper.stats;
    expect(rejected).toBeGreaterThan(0);
    expect(rhsEvaluations).toBe(2 + evaluationsOfSteps(steps, rejected));

    const given = dop853.create(problem, t0, y0, { firstStep: 0.01 });
    given.step();
    expect(given.stats.rhsEvaluations).toBe(1 + evaluationsOfSteps(given.stats.steps, given.stats.rejected));
  });

  test("its dense output costs 3 evaluations, only in steps that are interpolated, once per step", () => {
    const { problem, t0, y0 } = harmonicOscillator();
    const stepper = dop853.create(problem, t0, y0, { rtol: 1e-9, atol: 1e-11 });
    const out = new Float64Array(2);
    const evaluations = () => stepper.stats.rhsEvaluations;
    stepper.step();
    stepper.step();
    const afterSteps = evaluations();
    stepper.interpolate(stepper.t, out); // the step ends are exact: no dense output needed
    stepper.interpolate(stepper.tPrevious, out);
    expect(evaluations()).toBe(afterSteps);
    stepper.interpolate(stepper.tPrevious + 0.3 * (stepper.t - stepper.tPrevious), out);
    expect(evaluations()).toBe(afterSteps + 3);
    stepper.interpolate(stepper.tPrevious + 0.6 * (stepper.t - stepper.tPrevious), out);
    expect(evaluations()).toBe(afterSteps + 3);
    stepper.step();
    expect(evaluations()).toBe(afterSteps + 3 + 12);
    stepper.interpolate(stepper.tPrevious + 0.5 * (stepper.t - stepper.tPrevious), out);
    expect(evaluations()).toBe(afterSteps + 3 + 12 + 3);
  });

  test("its dense output has a local error of order h^8 (7th-order interpolant), y1 of order h^9", () => {
    const { problem, t0, y0, exact } = harmonicOscillator();
    const out = new Float64Array(2);
    const errors = [0.8, 0.4, 0.2].map((h) => {
      const stepper = dop853.create(problem, t0, y0, { firstStep: h, rtol: 1, atol: 1 });
      stepper.step();
      expect(stepper.t - t0).toBeCloseTo(h, 15);
      const tMid = t0 + 0.37 * h;
      stepper.interpolate(tMid, out);
      return {
        dense: maxAbsDifference(out, exact(tMid)),
        end: maxAbsDifference(stepper.y, exact(stepper.t)),
      };
    });
    for (let j = 1; j < errors.length; j++) {
      expect(Math.abs(Math.log2(errors[j - 1].dense / errors[j].dense) - 8)).toBeLessThan(LOCAL_ORDER_SLACK);
      expect(Math.abs(Math.log2(errors[j - 1].end / errors[j].end) - 9)).toBeLessThan(LOCAL_ORDER_SLACK);
    }
  });

  test("takes several times fewer steps and evaluations than rk45 at rtol 1e-8 for the same accuracy", () => {
    const system = randomStableLinearSystem();
    const options = { rtol: 1e-8, atol: 1e-10 };
    const run = (method: string) =>
      integrate(system.problem, system.t0, system.y0, [system.tEnd], { ...options, method });
    const high = run("dop853");
    const low = run("rk45");
    expect(high.stats.steps * 4).toBeLessThan(low.stats.steps);
    expect(high.stats.rhsEvaluations * 2).toBeLessThan(low.stats.rhsEvaluations);
    const exact = system.exact(system.tEnd);
    expect(maxAbsDifference(high.states[0], exact)).toBeLessThan(maxAbsDifference(low.states[0], exact));
  });

  test("a derivative that turns NaN at the end of an accepted step is reported there", () => {
    // With a given first step, evaluation 1 is f(t0, y0), 2..12 the stages, 13 f(t0 + h, y1).
    let calls = 0;
    const poisoned: OdeProblem = {
      size: 1,
      rhs: (_t, y, dydt) => {
        calls++;
        dydt[0] = calls === 13 ? Number.NaN : -y[0];
      },
    };
    const stepper = dop853.create(poisoned, 0, Float64Array.of(1), { firstStep: 0.2 });
    const error = (() => {
      try {
        stepper.step();
      } catch (caught) {
        return caught as IntegrationError;
      }
    })();
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error?.reason).toBe("non-finite");
    expect(error?.t).toBeCloseTo(0.2, 15);
    expect(error?.message).toContain("derivative at the end of the step");
    expect(stepper.stats.steps).toBe(0);
  });

  test("a tolerance of 10 machine epsilons still works", () => {
    const { problem, t0, y0, exact } = harmonicOscillator();
    const stepper = dop853.create(problem, t0, y0, { rtol: 1e-14, atol: 1e-16 });
    while (stepper.t < t0 + 1) stepper.step();
    expect(maxAbsDifference(stepper.y, exact(stepper.t))).toBeLessThan(1e-12);
  });

  test("rejects a non-finite or mis-sized initial state and has the documented defaults and controller", () => {
    const { problem, t0 } = harmonicOscillator();
    expect(() => dop853.create(problem, t0, Float64Array.of(1, Number.NaN))).toThrow(ParameterError);
    expect(() => dop853.create(problem, t0, Float64Array.of(1))).toThrow(/y0 must have dimension/);
    expect(DOP853_DEFAULTS).toEqual({
      rtol: 1e-6,
      atol: 1e-8,
      firstStep: 0,
      minStep: 0,
      maxStep: Number.POSITIVE_INFINITY,
      maxSteps: 100_000,
    });
    expect(DOP853_STEP_CONTROLLER).toEqual({
      safety: 0.9,
      alpha: 1 / 8,
      beta: 0,
      minFactor: 0.333,
      maxFactor: 6,
    });
    expect(Object.isFrozen(DOP853_STEP_CONTROLLER)).toBe(true);
  });
});
