import { ParameterError, UnknownIdError } from "@liouville/core";
import { describe, expect, test } from "vitest";
import { exponentialDecay, maxAbsDifference } from "../test-support/ode-test-systems";
import { integrate } from "./integrate";

describe("integrate", () => {
  const { problem, t0, y0, exact } = exponentialDecay();

  test("solves to the requested times with rk45 by default", () => {
    const result = integrate(problem, t0, y0, [0.5, 1, 2], { rtol: 1e-10, atol: 1e-12 });
    expect(result.times).toEqual([0.5, 1, 2]);
    for (const [j, state] of result.states.entries()) {
      expect(maxAbsDifference(state, exact(result.times[j]))).toBeLessThan(1e-9);
    }
    expect(result.stats.steps).toBeGreaterThan(0);
  });

  test("returns an empty result for no output times", () => {
    const result = integrate(problem, t0, y0, []);
    expect(result.states).toEqual([]);
    expect(result.stats.steps).toBe(0);
  });

  test("rejects output times that are not increasing, before t0, or not finite", () => {
    expect(() => integrate(problem, t0, y0, [1, 1])).toThrow(/times\[1\] must be > times\[0\] = 1/);
    expect(() => integrate(problem, t0, y0, [2, 1])).toThrow(ParameterError);
    expect(() => integrate(problem, 1, y0, [0.5])).toThrow(/times\[0\] must be >= t0 = 1/);
    expect(() => integrate(problem, t0, y0, [1, Number.NaN])).toThrow(/times\[1\] must be a finite number/);
  });

  test("rejects an unknown method with the list of integrators", () => {
    expect(() => integrate(problem, t0, y0, [1], { method: "euler" })).toThrow(UnknownIdError);
    expect(() => integrate(problem, t0, y0, [1], { method: "euler" })).toThrow(/known: rk45/);
  });
});
