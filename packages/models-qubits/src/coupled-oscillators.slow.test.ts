import { relativeError } from "@liouville/core/testing";
import { describe, expect, it } from "vitest";
import { coupledOscillators } from "./coupled-oscillators";
import { type SteadyReport, steadyReport } from "./steady-report";

// Slow tier: large Fock spaces, solved in the sector of the total number of quanta
// (nmax = 20: d = 441, 6,181 of 194,481 real unknowns).

/** The largest cutoff the slow tier converges to. */
const SLOW_MAX_NMAX = 20;
/** The cutoffs over which the truncation-error bound of the example of docs/paper-corrections.md was measured. */
const EXAMPLE_MAX_NMAX = 7;

/** Measured bound on the truncation error, as in coupled-oscillators.test.ts. */
const TRUNCATION_ERROR_FACTOR = 10;
/** Rounding floor of a Fock current relative to the exact one. */
const FOCK_ROUNDING_RELATIVE = 1e-11;
/** The global current's error must shrink at least by this factor from one cutoff to the next (nmax + 4). */
const GLOBAL_CONVERGENCE_STEP = 0.5;
/** Converged Fock numerics against the exact solver. */
const CONVERGED_FOCK_RELATIVE = 1e-8;

const OSCILLATOR_EXAMPLE = { omega1: 2, omega2: 1, lambda: 0.1, gA: 0.05, gB: 0.05, TA: 1.0, TB: 0.8 };
const LOW_T = { omega1: 1.2, omega2: 1, lambda: 0.1, gA: 0.05, gB: 0.05, TA: 0.2, TB: 1 / 6.5 };

const solve = (input: Record<string, unknown>, approach: "local" | "global" | "redfield") =>
  steadyReport(coupledOscillators, input, approach, { allowTruncation: true });
const weightOf = (r: SteadyReport) => Math.max(...(r.extras!.truncationWeight as number[]));

describe("coupled-oscillators (slow): convergence in nmax", () => {
  it("nmax = 20, local ME, at the defaults: the Fock path agrees with the exact Gaussian solver", () => {
    const exact = solve({}, "local").audit.currents.A;
    const r = steadyReport(coupledOscillators, { nmax: SLOW_MAX_NMAX }, "local", { allowTruncation: true });
    expect(r.state!.sector!.unknowns).toBe(6181);
    expect(relativeError(r.audit.currents.A, exact)).toBeLessThan(
      TRUNCATION_ERROR_FACTOR * (SLOW_MAX_NMAX + 1) * weightOf(r) + FOCK_ROUNDING_RELATIVE,
    );
  });

  it("Oscillator example of docs/paper-corrections.md, local ME: nmax = 2..7 approach the exact current, J_A < 0 throughout", () => {
    const exact = solve(OSCILLATOR_EXAMPLE, "local").audit.currents.A;
    let previous = Number.POSITIVE_INFINITY;
    // The bound TRUNCATION_ERROR_FACTOR (nmax + 1) w was measured up to nmax = 7.
    for (let nmax = 2; nmax <= EXAMPLE_MAX_NMAX; nmax++) {
      const r = solve({ ...OSCILLATOR_EXAMPLE, nmax }, "local");
      const error = relativeError(r.audit.currents.A, exact);
      expect(r.audit.currents.A).toBeLessThan(0);
      expect(r.audit.secondLaw).toBe("violated");
      expect(error).toBeLessThan(TRUNCATION_ERROR_FACTOR * (nmax + 1) * weightOf(r) + FOCK_ROUNDING_RELATIVE);
      if (nmax >= 4) expect(error).toBeLessThan(previous); // monotone once past the first levels
      previous = error;
    }
  });

  it("global ME at the defaults: nmax = 12, 16, 20 (up to 7,758 sparse jumps) solve by the rate equation and approach the exact Gaussian current", () => {
    const exact = solve({}, "global").audit.currents.A;
    let previous = Number.POSITIVE_INFINITY;
    for (const nmax of [12, 16, SLOW_MAX_NMAX]) {
      const r = solve({ nmax }, "global");
      expect(r.state!.method).toBe("rate-equation");
      const error = relativeError(r.audit.currents.A, exact);
      expect(error).toBeLessThan(TRUNCATION_ERROR_FACTOR * (nmax + 1) * weightOf(r) + FOCK_ROUNDING_RELATIVE);
      // Measured: 8.3e-3, 7.9e-4, 7.8e-5; each step of 4 levels must at least halve it.
      expect(error).toBeLessThan(GLOBAL_CONVERGENCE_STEP * previous);
      previous = error;
    }
  });

  it("low temperature, global ME: nmax = 5 converges to 1e-8 (truncated H_S diagonalised)", () => {
    const exact = solve(LOW_T, "global").audit.currents.A;
    const r = steadyReport(coupledOscillators, { ...LOW_T, nmax: 5 }, "global");
    expect(relativeError(r.audit.currents.A, exact)).toBeLessThan(CONVERGED_FOCK_RELATIVE);
  });

  it("redfield converges in nmax and approaches global as O(g^2)", () => {
    const at = (g: number, nmax: number) =>
      solve({ ...LOW_T, gA: g, gB: g, nmax }, "redfield").audit.currents.A;
    const global = (g: number) => solve({ ...LOW_T, gA: g, gB: g }, "global").audit.currents.A;
    expect(relativeError(at(0.05, 5), at(0.05, 4))).toBeLessThan(CONVERGED_FOCK_RELATIVE);
    const difference = (g: number) => relativeError(at(g, 4), global(g));
    const ratio = difference(0.05) / difference(0.025);
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(5);
  });
});
