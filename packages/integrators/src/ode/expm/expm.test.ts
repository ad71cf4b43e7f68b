import { describe, expect, test } from "vitest";
import { integrate } from "../integrate";
import type { OdeProblem } from "../ode-problem";
import { expmIntegrator } from "./expm";

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

  test("dense output in any order inside a step: chained outputs equal fresh ones", () => {
    // y' = A y with a rotation and a decay, so exp(tau A) mixes the components.
    const rotation: OdeProblem = {
      size: 3,
      linear: true,
      rhs: (_t, y, dydt) => {
        dydt[0] = -0.1 * y[0] + 2 * y[1];
        dydt[1] = -2 * y[0] - 0.1 * y[1];
        dydt[2] = -0.5 * y[2] + 0.3 * y[0];
      },
    };
    const stepper = expmIntegrator.create(rotation, 0, Float64Array.of(1, 0, 1), {
      rtol: 1e-10,
      atol: 1e-12,
    });
    stepper.step();
    const t0 = stepper.tPrevious;
    const h = stepper.t - t0;
    const at = (fraction: number) => {
      const out = new Float64Array(3);
      stepper.interpolate(t0 + fraction * h, out);
      return out;
    };
    // Evenly spaced (the chained, reused gap), then a jump back (a fresh exponential), then an
    // uneven gap: each must equal the output asked for alone after a fresh step state.
    const fractions = [0.1, 0.2, 0.3, 0.4, 0.15, 0.9];
    const chained = fractions.map(at);
    const fresh = fractions.map((f) => {
      at(0.99); // past every fraction: the next output starts a fresh exponential
      return at(f);
    });
    /** Chained products of small exponentials against one exponential: rounding only. */
    const CHAIN_AGREEMENT = 1e-13;
    chained.forEach((y, k) => {
      for (let i = 0; i < 3; i++) expect(Math.abs(y[i] - fresh[k][i])).toBeLessThan(CHAIN_AGREEMENT);
    });
  });
});
