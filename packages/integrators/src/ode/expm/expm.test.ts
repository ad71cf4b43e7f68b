import { describe, expect, test } from "vitest";
import { integrate } from "../integrate";
import type { OdeProblem } from "../ode-problem";
import { expmIntegrator, KRYLOV_DIMENSION, krylovDimension, MIN_KRYLOV_DIMENSION } from "./expm";

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

  test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses problem.rhsFlops = %s, naming it",
    (rhsFlops) => {
      expect(() => expmIntegrator.create({ ...decay, rhsFlops }, 0, Float64Array.of(1, 1))).toThrow(
        /problem\.rhsFlops/,
      );
    },
  );

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

describe("the Krylov dimension chosen by cost (krylovDimension)", () => {
  test("stays in [MIN_KRYLOV_DIMENSION, KRYLOV_DIMENSION]; grows with accuracy and the product's cost", () => {
    // Up to KRYLOV_DIMENSION unknowns, the whole space (exact steps) whatever the costs.
    for (const size of [1, 5, 20, KRYLOV_DIMENSION]) {
      expect(krylovDimension(size, 10 * size, 1e-6)).toBe(size);
      expect(krylovDimension(size, 2 * size * size, 1e-12)).toBe(size);
    }
    for (const size of [KRYLOV_DIMENSION + 1, 300, 5000, 100000]) {
      for (const flopsPerUnknown of [10, 100, 2 * size]) {
        let previous = 0;
        for (const rtol of [1e-3, 1e-6, 1e-9, 1e-12, 1e-16]) {
          const m = krylovDimension(size, flopsPerUnknown * size, rtol);
          expect(m).toBeGreaterThanOrEqual(MIN_KRYLOV_DIMENSION);
          expect(m).toBeLessThanOrEqual(Math.min(KRYLOV_DIMENSION, size));
          expect(m).toBeGreaterThanOrEqual(previous);
          previous = m;
        }
      }
      expect(krylovDimension(size, 10 * size, 1e-8)).toBeLessThanOrEqual(
        krylovDimension(size, 100 * size, 1e-8),
      );
    }
    // A product as cheap as a Liouvillian's in CSR form (about 15 flops per unknown) at rtol 1e-6:
    // the orthogonalisation decides, and the subspace is far below Expokit's 30.
    expect(krylovDimension(1000, 15000, 1e-6)).toBeLessThan(20);
    // A dense matrix's product at tight tolerance: the largest subspace.
    expect(krylovDimension(1000, 2e6, 1e-12)).toBe(KRYLOV_DIMENSION);
  });

  test("a cheap product: a smaller subspace within the tolerance (rotating, decaying blocks)", () => {
    // y' = A y with A block diagonal, blocks [[-g_k, w_k], [-w_k, -g_k]]: each pair is
    // e^(-g_k t) (cos w_k t, -sin w_k t) from (1, 0); frequencies spread over [0.5, 5].
    const blocks = 100;
    const size = 2 * blocks;
    const w = Array.from({ length: blocks }, (_, k) => 0.5 + (4.5 * k) / (blocks - 1));
    const g = Array.from({ length: blocks }, (_, k) => 0.01 + 0.002 * k);
    const rhsFlops = 2 * 4 * blocks; // four stored coefficients per block
    const problem: OdeProblem = {
      size,
      linear: true,
      rhsFlops,
      rhs: (_t, y, dydt) => {
        for (let k = 0; k < blocks; k++) {
          const a = y[2 * k];
          const b = y[2 * k + 1];
          dydt[2 * k] = -g[k] * a + w[k] * b;
          dydt[2 * k + 1] = -w[k] * a - g[k] * b;
        }
      },
    };
    const y0 = new Float64Array(size);
    for (let k = 0; k < blocks; k++) y0[2 * k] = 1;
    const rtol = 1e-8;
    const atol = 1e-10;
    const times = [1, 5, 10, 20];
    const { states, stats } = integrate(problem, 0, y0, times, { method: "expm", rtol, atol });
    const m = krylovDimension(size, rhsFlops, rtol);
    expect(m).toBeLessThan(KRYLOV_DIMENSION);
    // Every step builds a subspace of m vectors (no breakdown: 100 distinct frequencies).
    expect(stats.rhsEvaluations).toBe(m * stats.steps);
    /**
     * The global error after about 50 steps: a small multiple of the per-step tolerance (13 times
     * it here, at m = 12).
     */
    const GLOBAL_ERROR_FACTOR = 100;
    times.forEach((t, j) => {
      for (let k = 0; k < blocks; k++) {
        const decay = Math.exp(-g[k] * t);
        const exact = [decay * Math.cos(w[k] * t), -decay * Math.sin(w[k] * t)];
        for (let c = 0; c < 2; c++) {
          const scale = atol + rtol * Math.abs(exact[c]);
          expect(Math.abs(states[j][2 * k + c] - exact[c])).toBeLessThan(GLOBAL_ERROR_FACTOR * scale);
        }
      }
    });
  });
});
