import { describe, expect, test } from "vitest";
import type { OdeProblem } from "../ode-problem";
import { FALLBACK_INITIAL_STEP, initialStepSize } from "./initial-step";

function guess(problem: OdeProblem, y0: Float64Array, rtol: number, atol: number, maxStep = Infinity) {
  const f0 = new Float64Array(problem.size);
  problem.rhs(0, y0, f0);
  return initialStepSize(problem, {
    t0: 0,
    y0,
    f0,
    errorOrder: 4,
    rtol,
    atol,
    maxStep,
    scratchY: new Float64Array(problem.size),
    scratchF: new Float64Array(problem.size),
  });
}

describe("initialStepSize", () => {
  const decay = (k: number): OdeProblem => ({
    size: 1,
    rhs: (_t, y, dydt) => {
      dydt[0] = -k * y[0];
    },
  });

  test("follows steps (1)-(5): tol^(1/5) scaling, and a shorter step for a faster rate", () => {
    const slow = guess(decay(1), Float64Array.of(1), 1e-6, 0);
    // y' = -100 y: d1 = 100/rtol, d2 = 100^2/rtol, so h = (0.01 rtol / 100^2)^(1/5).
    const fast = guess(decay(100), Float64Array.of(1), 1e-6, 0);
    expect(fast).toBeCloseTo(((0.01 * 1e-6) / 1e4) ** 0.2, 6);
    expect(fast).toBeLessThan(slow);
    const tight = guess(decay(1), Float64Array.of(1), 1e-11, 0);
    expect(slow / tight).toBeCloseTo(10, 6);
    // Step (4): (0.01 / max(d1, d2))^(1/5) with d1 = d2 = 1/rtol for y' = -y, y = 1.
    expect(slow).toBeCloseTo((0.01 * 1e-6) ** 0.2, 3);
  });

  test("falls back to small steps for a vanishing state or rate and respects maxStep", () => {
    const still: OdeProblem = { size: 2, rhs: (_t, _y, dydt) => dydt.fill(0) };
    // h0 = 1e-6 (step 2), h1 = max(1e-6, 1e-3 h0) (step 4), h = min(100 h0, h1).
    expect(guess(still, new Float64Array(2), 1e-6, 1e-8)).toBe(1e-6);
    expect(guess(decay(1), Float64Array.of(1), 1e-6, 0, 1e-3)).toBe(1e-3);
  });
});

describe("initialStepSize at the edges of the double range", () => {
  const decay: OdeProblem = {
    size: 1,
    rhs: (_t, y, dydt) => {
      dydt[0] = -y[0];
    },
  };
  /** The guess goes through logs and exps: agreement with the closed form to rounding. */
  const LOG_ROUNDING = 1e-12;

  test("rtol = atol = 1e-200: finite and > 0, still the tol^(1/5) law (was NaN: y/w overflowed)", () => {
    // w = 2e-200, d1 = d2 = 1 / w for y' = -y, y = 1, so h = (0.01 w)^(1/5) (step 4).
    const h = guess(decay, Float64Array.of(1), 1e-200, 1e-200);
    expect(Number.isFinite(h) && h > 0).toBe(true);
    expect(Math.abs(h / (0.01 * 2e-200) ** 0.2 - 1)).toBeLessThan(LOG_ROUNDING);
  });

  test("a subnormal atol alone still gives a finite step > 0", () => {
    const h = guess(decay, Float64Array.of(1), 0, Number.MIN_VALUE);
    expect(Number.isFinite(h) && h > 0).toBe(true);
    expect(h).toBeLessThanOrEqual(FALLBACK_INITIAL_STEP);
  });

  test("an infinite rate at the probe falls back to FALLBACK_INITIAL_STEP instead of 0 or NaN", () => {
    const blowUp: OdeProblem = {
      size: 1,
      rhs: (t, _y, dydt) => {
        dydt[0] = t === 0 ? 1 : Number.POSITIVE_INFINITY;
      },
    };
    expect(guess(blowUp, Float64Array.of(1), 1e-6, 1e-8)).toBe(FALLBACK_INITIAL_STEP);
  });
});
