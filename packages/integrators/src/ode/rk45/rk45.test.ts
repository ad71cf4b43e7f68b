import { ParameterError } from "@liouville/core";
import { describe, expect, test } from "vitest";
import { harmonicOscillator, maxAbsDifference } from "../../test-support/ode-test-systems";
import { dormandPrince45, RK45_DEFAULTS } from "./rk45";

// Properties specific to Dormand-Prince 5(4); the contract test covers the rest.

/** Local errors of a single step at h and h/2 differ by 2^5 for a 5th-order-accurate local error. */
const LOCAL_ORDER_SLACK = 0.3;

describe("dormandPrince45 (rk45)", () => {
  test("uses 6 evaluations per attempted step (FSAL), plus 2 to start with an automatic first step", () => {
    const { problem, t0, y0, tEnd } = harmonicOscillator();
    const stepper = dormandPrince45.create(problem, t0, y0);
    while (stepper.t < tEnd) stepper.step();
    const { steps, rejected, rhsEvaluations } = stepper.stats;
    expect(rhsEvaluations).toBe(2 + 6 * (steps + rejected));

    const given = dormandPrince45.create(problem, t0, y0, { firstStep: 0.01 });
    given.step();
    expect(given.stats.rhsEvaluations).toBe(1 + 6 * (given.stats.steps + given.stats.rejected));
  });

  test("its dense output has a local error of order h^5 (4th-order interpolant)", () => {
    const { problem, t0, y0, exact } = harmonicOscillator();
    const out = new Float64Array(2);
    const errors = [0.2, 0.1, 0.05].map((h) => {
      const stepper = dormandPrince45.create(problem, t0, y0, { firstStep: h, rtol: 1, atol: 1 });
      stepper.step();
      expect(stepper.t - t0).toBeCloseTo(h, 15);
      const tMid = t0 + 0.37 * h;
      stepper.interpolate(tMid, out);
      return maxAbsDifference(out, exact(tMid));
    });
    for (let j = 1; j < errors.length; j++) {
      const order = Math.log2(errors[j - 1] / errors[j]);
      expect(Math.abs(order - 5)).toBeLessThan(LOCAL_ORDER_SLACK);
    }
  });

  test("a tolerance of 10 machine epsilons still works", () => {
    const { problem, t0, y0, exact } = harmonicOscillator();
    const stepper = dormandPrince45.create(problem, t0, y0, { rtol: 1e-14, atol: 1e-16 });
    while (stepper.t < t0 + 1) stepper.step();
    expect(maxAbsDifference(stepper.y, exact(stepper.t))).toBeLessThan(1e-12);
  });

  test("rejects a non-finite or mis-sized initial state and has the documented defaults", () => {
    const { problem, t0 } = harmonicOscillator();
    expect(() => dormandPrince45.create(problem, t0, Float64Array.of(1, Number.NaN))).toThrow(ParameterError);
    expect(() => dormandPrince45.create(problem, t0, Float64Array.of(1))).toThrow(/y0 must have dimension/);
    expect(() => dormandPrince45.create(problem, Number.POSITIVE_INFINITY, Float64Array.of(1, 0))).toThrow(
      ParameterError,
    );
    expect(RK45_DEFAULTS).toEqual({
      rtol: 1e-6,
      atol: 1e-8,
      firstStep: 0,
      minStep: 0,
      maxStep: Number.POSITIVE_INFINITY,
      maxSteps: 100_000,
    });
  });
});
