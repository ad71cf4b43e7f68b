import { describe, expect, test } from "vitest";
import { integrate } from "../integrate";
import type { OdeProblem } from "../ode-problem";

// Edge cases of the Krylov propagator beyond the contract test (integrator-contract.test.ts).

/** y' = -diag(1, 2) y. */
const decay: OdeProblem = {
  size: 2,
  linear: true,
  rhs: (_t, y, dydt) => {
    dydt[0] = -y[0];
    dydt[1] = -2 * y[1];
  },
};

describe("expm edge cases", () => {
  test("atol = 0 with a component that is exactly zero: the zero stays, the other decays", () => {
    const { states } = integrate(decay, 0, Float64Array.of(1, 0), [1, 5], {
      method: "expm",
      rtol: 1e-10,
      atol: 0,
    });
    expect(states[1][1]).toBe(0);
    expect(Math.abs(states[1][0] - Math.exp(-5)) / Math.exp(-5)).toBeLessThan(1e-9);
  });

  test("the zero state stays zero (no first-step scale from the subspace)", () => {
    const { states, stats } = integrate(decay, 0, Float64Array.of(0, 0), [10], { method: "expm" });
    expect(Array.from(states[0])).toEqual([0, 0]);
    expect(stats.steps).toBeGreaterThan(0);
  });
});
